using CardService.Core.Cards;
using CardService.Core.Cards.FromPage;
using CardService.Core.Meta;

namespace CardService.Core.Tests.Cards.FromPage;

public class CardFromPageTests
{
    private static PageCard ReadAt(string url, params string[] head) =>
        CardFromPage.Read(MetaReader.Read($"<!doctype html><html><head>{string.Concat(head)}</head><body></body></html>", new Uri(url)));

    private static PageCard Read(params string[] head) => ReadAt("https://blog.example.dev/posts/x", head);

    private const string OgTitle = "<meta property=\"og:title\" content=\"Og\">";
    private const string TwitterTitle = "<meta name=\"twitter:title\" content=\"Twitter\">";
    private const string Title = "<title>Document | Blog</title>";
    private const string SiteName = "<meta property=\"og:site_name\" content=\"Blog\">";
    private const string Headline = "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"BlogPosting\",\"headline\":\"Headline\",\"articleSection\":\"Ld section\",\"keywords\":\"ld-keyword\"}</script>";

    [Theory]
    [InlineData(0, "Og", "og:title")]
    [InlineData(1, "Twitter", "twitter:title")]
    [InlineData(2, "Document", "title")]
    [InlineData(3, "Headline", "json-ld:headline")]
    public void Read_ConflictingTitles_TakesOgThenTwitterThenStrippedTitleThenJsonLd(int skip, string title, string source)
    {
        string[] tags = [OgTitle, TwitterTitle, Title, Headline];

        var sut = Read([.. tags.Skip(skip), SiteName]);

        Assert.Equal(title, sut.Fields.Title);
        Assert.Equal(source, sut.Sources["title"]);
    }

    [Theory]
    [InlineData("<title>Pi Cluster Update – Michael Lamb</title>", "https://blog.michaellamb.dev/p", "Pi Cluster Update")]
    [InlineData("<title>Example - Shipping faster</title>", "https://www.example.com/p", "Shipping faster")]
    [InlineData("<title>Error handling - a practical guide</title>", "https://go.dev/blog/x", "Error handling - a practical guide")]
    public void Read_TitleWithoutSiteName_StripsTheHostLikePart(string title, string url, string expected) =>
        Assert.Equal(expected, ReadAt(url, title).Fields.Title);

    [Fact]
    public void Read_NoTitleAnywhere_HasNoTitle()
    {
        var sut = Read("<meta name=\"description\" content=\"Only a description\">");

        Assert.False(sut.HasTitle);
        Assert.False(sut.Sources.ContainsKey("title"));
    }

    [Theory]
    [InlineData(0, "Section", "article:section")]
    [InlineData(1, "Ld section", "json-ld:articleSection")]
    [InlineData(2, "First", "article:tag")]
    public void Read_ConflictingCategories_TakesSectionThenJsonLdThenFirstTag(int skip, string category, string source)
    {
        string[] tags =
        [
            "<meta property=\"article:section\" content=\"Section\">",
            Headline,
            "<meta property=\"article:tag\" content=\"First\"><meta property=\"article:tag\" content=\"Second\">",
        ];

        var sut = ReadAt("https://blog.example.dev/category/from-path/x", [OgTitle, .. tags.Skip(skip)]);

        Assert.Equal(category, sut.Fields.Category);
        Assert.Equal(source, sut.Sources["category"]);
    }

    [Fact]
    public void Read_KeywordsOnly_TakesTheFirstKeyword()
    {
        var sut = Read(OgTitle, "<meta name=\"keywords\" content=\"dotnet, cards\">");

        Assert.Equal("dotnet", sut.Fields.Category);
        Assert.Equal("keywords", sut.Sources["category"]);
    }

    [Theory]
    [InlineData("https://blog.example.dev/category/devops/x", "devops")]
    [InlineData("https://blog.michaellamb.dev/cluster-computing/2021/03/25/x.html", "cluster computing")]
    public void Read_CategoryOnlyInThePath_TakesThePathSegment(string url, string expected)
    {
        var sut = ReadAt(url, OgTitle);

        Assert.Equal(expected, sut.Fields.Category);
        Assert.Equal("path", sut.Sources["category"]);
    }

    [Fact]
    public void Read_NoCategoryAnywhere_LeavesItOut()
    {
        var sut = ReadAt("http://localhost:4000/2023/01/23/defi.html", OgTitle);

        Assert.Null(sut.Fields.Category);
        Assert.False(sut.Sources.ContainsKey("category"));
    }

    [Fact]
    public void Read_NoSiteName_UsesTheHostWithoutWww()
    {
        var sut = ReadAt("https://www.example.com/p", OgTitle);

        Assert.Equal("example.com", sut.Fields.SiteName);
        Assert.Equal("host", sut.Sources["siteName"]);
    }

    [Fact]
    public void Read_AuthorAndDateInJsonLd_TakesThemAndFormatsTheDate()
    {
        var sut = Read(OgTitle, "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"BlogPosting\",\"headline\":\"x\",\"author\":{\"@type\":\"Person\",\"name\":\"Ada\"},\"datePublished\":\"2022-01-11T23:30:00+05:30\"}</script>");

        Assert.Equal(("Ada", "json-ld:author"), (sut.Fields.Author, sut.Sources["author"]));
        Assert.Equal(("2022-01-11", "json-ld:datePublished"), (sut.Fields.Date, sut.Sources["date"]));
    }

    [Theory]
    [InlineData("2022-01-11T23:30:00+05:30", "2022-01-11")]
    [InlineData("2022-01-11T01:00:00-08:00", "2022-01-11")]
    [InlineData("2022-01-11T10:00:00.000Z", "2022-01-11")]
    [InlineData("2022-01-11", "2022-01-11")]
    [InlineData("Tue, 11 Jan 2022 10:00:00 GMT", "2022-01-11")]
    [InlineData("January 11, 2022", "2022-01-11")]
    [InlineData("11 Jan 2022", "2022-01-11")]
    [InlineData("2016-07-07 00:39:49", "2016-07-07")]
    public void FormatDate_KnownForms_GivesTheDayAsWritten(string value, string expected) =>
        Assert.Equal(expected, CardFromPage.FormatDate(value));

    [Theory]
    [InlineData("PT0H0M188.565S")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void FormatDate_NoDate_ReturnsNull(string value) =>
        Assert.Null(CardFromPage.FormatDate(value));

    [Theory]
    [InlineData("#ff8800", "#ff8800")]
    [InlineData("#0a0", "#0a0")]
    public void Read_HexThemeColor_IsTheAccent(string color, string expected)
    {
        var sut = Read(OgTitle, $"<meta name=\"theme-color\" content=\"{color}\">");

        Assert.Equal((expected, "theme-color"), (sut.Fields.Accent, sut.Sources["accent"]));
    }

    [Theory]
    [InlineData("rebeccapurple")]
    [InlineData("rgb(1,2,3)")]
    public void Read_ThemeColorNotHex_LeavesTheAccentToTheTheme(string color) =>
        Assert.Null(Read(OgTitle, $"<meta name=\"theme-color\" content=\"{color}\">").Fields.Accent);

    [Fact]
    public void Read_TitleOver300Characters_IsClippedWithAnEllipsis()
    {
        var sut = Read($"<meta property=\"og:title\" content=\"{new string('a', 400)}\">");

        Assert.Equal(CardLimits.MaxTitleLength, sut.Fields.Title!.Length);
        Assert.EndsWith("…", sut.Fields.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Icons_AppleTouchIconThenLargestIconThenFaviconIco()
    {
        var sut = Read(
            OgTitle,
            "<link rel=\"icon\" href=\"/small.png\" sizes=\"16x16\">",
            "<link rel=\"icon\" href=\"/big.png\" sizes=\"32x32 192x192\">",
            "<link rel=\"icon\" href=\"/vector.svg\" type=\"image/svg+xml\">",
            "<link rel=\"mask-icon\" href=\"/mask.png\">",
            "<link rel=\"apple-touch-icon\" href=\"/apple.png\">");

        Assert.Equal(
            ["https://blog.example.dev/apple.png", "https://blog.example.dev/big.png", "https://blog.example.dev/small.png", "https://blog.example.dev/favicon.ico"],
            sut.Icons.Select(i => i.Url.AbsoluteUri));
        Assert.Equal("apple-touch-icon", sut.Icons[0].Source);
        Assert.Equal("default:/favicon.ico", sut.Icons[^1].Source);
    }

    [Fact]
    public void Merge_RequestGivesFields_TheyWinAndSayRequest()
    {
        var page = Read(OgTitle, "<meta property=\"article:section\" content=\"Section\">", SiteName, "<meta name=\"theme-color\" content=\"#123\">");

        var (fields, sources) = CardFromPage.Merge(page, new CardFields { Category = "Notes", Accent = "fff", Theme = "light", Logo = "https://cdn.example/l.png" });

        Assert.Equal(("Og", "og:title"), (fields.Title, sources["title"]));
        Assert.Equal(("Notes", "request"), (fields.Category, sources["category"]));
        Assert.Equal(("fff", "request"), (fields.Accent, sources["accent"]));
        Assert.Equal(("Blog", "og:site_name"), (fields.SiteName, sources["siteName"]));
        Assert.Equal("light", fields.Theme);
        Assert.Equal("request", sources["logo"]);
    }
}
