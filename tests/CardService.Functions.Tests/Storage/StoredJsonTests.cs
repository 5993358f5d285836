using System.Buffers;
using System.Text;
using CardService.Core.Inspection;
using CardService.Core.Meta;
using CardService.Core.Validation;
using CardService.Functions.Storage;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Storage;

/// <summary>
/// Inspections as Redis keeps them (<see cref="StoredJson"/>): what is read back equals what was stored, property by
/// property, for a page that uses every kind of metadata and for every page of the corpus.
/// </summary>
public sealed class StoredJsonTests
{
    private const string RichPage = """
        <!doctype html><html lang="fr"><head><meta charset="utf-8">
        <title>Un article &amp; ses « guillemets » | Le Carnet</title>
        <meta name="description" content="Ce que dit la page, avec des accents : é, ü, ñ, 🎉.">
        <meta name="viewport" content="width=device-width"><meta name="theme-color" content="#ff8800">
        <meta name="author" content="Anne Auteur"><meta name="keywords" content="un, deux, trois">
        <meta name="robots" content="max-image-preview:large, nofollow">
        <meta property="og:title" content="Un article"><meta property="og:type" content="article">
        <meta property="og:image" content="/img/carte.png"><meta property="og:image:width" content="1200">
        <meta property="og:image:height" content="630"><meta property="og:image:alt" content="La carte">
        <meta property="og:site_name" content="Le Carnet"><meta property="og:locale" content="fr_FR">
        <meta name="twitter:card" content="summary_large_image"><meta name="twitter:site" content="@carnet">
        <meta name="twitter:label1" content="Lecture"><meta name="twitter:data1" content="4 min">
        <meta property="article:published_time" content="2026-11-30T08:00:00Z"><meta property="article:section" content="Notes">
        <meta property="article:tag" content="dotnet">
        <link rel="canonical" href="https://blog.example/fr/article"><link rel="icon" href="/favicon-32.png" sizes="32x32">
        <link rel="apple-touch-icon" href="/apple.png"><link rel="alternate" hreflang="en" href="https://blog.example/en/article">
        <link rel="alternate" type="application/rss+xml" title="Flux" href="/feed.xml">
        <link rel="alternate" type="application/json+oembed" href="/oembed?url=x">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"BlogPosting","headline":"Un article (JSON-LD)",
          "image":[{"@type":"ImageObject","url":"https://blog.example/img/ld.png"},"https://blog.example/img/ld2.png"],
          "author":[{"@type":"Person","name":"Anne Auteur"}],"datePublished":"2026-11-30","publisher":{"@type":"Organization","name":"Le Carnet",
          "logo":{"@type":"ImageObject","url":"https://blog.example/logo.png"}},"keywords":"a, b","inLanguage":"fr"},
          {"@type":"WebSite","@id":"https://blog.example/#site","name":"Le Carnet"}]}</script>
        <script type="application/ld+json">{"@type": "Article", "headline": "cassé",}</script>
        </head><body><h1>Un article</h1><img src="/img/logo-small.svg" alt="logo"><img src="/img/photo.jpg"><title>dans le corps</title>
        <svg><title>svg</title></svg></body></html>
        """;

    private static readonly Uri PageUrl = new("https://blog.example/fr/article");

    private static PageInspection Inspect(byte[] body, Uri url, string contentType)
    {
        var meta = MetaReader.Read(body, contentType, url, new ReadOptions { XRobotsTag = "noarchive" });
        var facts = new PageFacts
        {
            RequestedUrl = new Uri("http://blog.example/article?ref=x"),
            FinalUrl = url,
            StatusCode = 200,
            Redirects = [new RedirectStep(new Uri("http://blog.example/article?ref=x"), url, 301)],
            ContentType = contentType,
            XRobotsTag = "noarchive",
            HtmlBytes = body.Length,
            Truncated = false,
            Charset = meta.Decoding is { } decoding ? CharsetFacts.From(decoding) : null,
            RobotsTxtAllows = new Dictionary<Platform, bool> { [Platform.Facebook] = true, [Platform.X] = false, [Platform.IMessage] = true },
            Images =
            [
                new ImageFacts(new Uri(url, "/img/carte.png"), 200, "image/png", 48_213, 1200, 630, "png", null),
                new ImageFacts(new Uri("https://blog.example/img/ld.png"), null, null, null, null, null, null, "dns-failure: no such host"),
            ],
        };
        return new PageInspection(url, true, meta, facts, PageValidator.Validate(meta, facts), new InspectionTimings(12.5, 3.25, 40, 0.8));
    }

    private static PageInspection RoundTrip(PageInspection inspection)
    {
        var sut = new StoredJsonSerializer<PageInspection>(StoredJson.Default.PageInspection);
        var buffer = new ArrayBufferWriter<byte>();
        sut.Serialize(inspection, buffer);
        return sut.Deserialize(new ReadOnlySequence<byte>(buffer.WrittenMemory));
    }

    [Fact]
    public void RoundTrip_PageWithEveryKindOfMetadata_ReadsBackEqual()
    {
        var original = Inspect(Encoding.UTF8.GetBytes(RichPage), PageUrl, "text/html; charset=utf-8");

        var read = RoundTrip(original);

        // The page must really hold what the comparison is about, or an empty graph would pass.
        Assert.Equal(2, original.Meta.JsonLd.Length);
        Assert.Contains(original.Meta.JsonLd, b => !b.IsValid);
        Assert.Contains(original.Meta.JsonLd, b => b.Items.Any(i => i.Headline == "Un article (JSON-LD)" && i.Images.Length == 2));
        Assert.NotNull(original.Meta.Best.Image);
        Assert.NotEmpty(original.Report.Findings);
        Assert.NotNull(original.Meta.Decoding);
        DeepEquality.AssertEqual(original, read);
        Assert.Equal(original.Report.Findings.Select(f => (f.RuleId, f.Severity, f.Message, f.GroupedUnder)), read.Report.Findings.Select(f => (f.RuleId, f.Severity, f.Message, f.GroupedUnder)));
        Assert.Equal(original.Meta.Best, read.Meta.Best);
        Assert.Equal(original.Meta.Decoding!.Text, read.Meta.Decoding!.Text);
    }

    [Fact]
    public void RoundTrip_ChangedInspection_IsFoundUnequal()
    {
        // The comparison itself must see a difference deep in the graph.
        var original = Inspect(Encoding.UTF8.GetBytes(RichPage), PageUrl, "text/html; charset=utf-8");
        var items = original.Meta.JsonLd[0].Items;
        var changed = original with
        {
            Meta = original.Meta with { JsonLd = original.Meta.JsonLd.SetItem(0, original.Meta.JsonLd[0] with { Items = items.SetItem(0, items[0] with { Headline = "autre" }) }) },
        };

        Assert.Equal("Meta.JsonLd[0].Items[0].Headline: expected \"Un article (JSON-LD)\", got \"autre\"", DeepEquality.Difference(original, RoundTrip(changed), ""));
    }

    [Fact]
    public void RoundTrip_EveryCorpusPage_ReadsBackEqual()
    {
        var folder = PageServerFixture.CorpusFolder;
        var pages = Directory.EnumerateFiles(folder, "*.html").Order(StringComparer.Ordinal).ToList();
        Assert.True(pages.Count >= 20, $"This test needs the page corpus: found {pages.Count} pages in '{folder}'.");

        var differences = pages
            .Select(path => (Path: Path.GetFileName(path), Original: Inspect(File.ReadAllBytes(path), new Uri("https://corpus.example/" + Path.GetFileName(path)), "text/html")))
            .Select(page => DeepEquality.Difference(page.Original, RoundTrip(page.Original), page.Path))
            .OfType<string>()
            .ToList();

        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }
}
