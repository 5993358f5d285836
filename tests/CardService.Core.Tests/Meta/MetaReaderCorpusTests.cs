using CardService.Core.Fetching;
using CardService.Core.Meta;
using CardService.Core.Tests.Meta.Corpus;

namespace CardService.Core.Tests.Meta;

/// <summary>The fast path (head parse + body scan) must read the same data as AngleSharp's whole-document DOM.</summary>
public sealed class MetaReaderCorpusTests
{
    public static TheoryData<string> Pages() =>
        [.. Directory.GetFiles(CorpusLocator.PagesDirectory(), "*.html").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Read_CorpusPage_HeadParseWithBodyScanMatchesWholeDocumentParse(string page)
    {
        var decoded = CharsetDecoder.Decode(File.ReadAllBytes(Path.Combine(CorpusLocator.PagesDirectory(), page + ".html")), null);
        var url = new Uri("https://example.com/" + page);

        var sut = MetaReader.Read(decoded, url);
        var dom = MetaReader.Read(decoded, url, new ReadOptions { ParseWholeDocument = true });

        Assert.Equal(dom.Titles.Select(t => (t.InHead, t.InSvg, t.Position)), sut.Titles.Select(t => (t.InHead, t.InSvg, t.Position)));
        Assert.Equal(dom.Title, sut.Title);
        Assert.Equal(dom.Tags.Select(t => (t.Name, t.Property, t.Position)), sut.Tags.Select(t => (t.Name, t.Property, t.Position)));
        Assert.Equal(dom.Tags.Select(t => t.Content), sut.Tags.Select(t => t.Content));
        Assert.Equal(dom.Links.Select(l => (l.Rel, l.Href.Raw, l.Position)), sut.Links.Select(l => (l.Rel, l.Href.Raw, l.Position)));
        Assert.Equal(dom.JsonLd.Select(j => (j.IsValid, j.Items.Length, j.Position)), sut.JsonLd.Select(j => (j.IsValid, j.Items.Length, j.Position)));
        Assert.Equal(dom.BodyImages.Select(i => i.Raw), sut.BodyImages.Select(i => i.Raw));
        Assert.Equal(dom.Best, sut.Best);
    }
}
