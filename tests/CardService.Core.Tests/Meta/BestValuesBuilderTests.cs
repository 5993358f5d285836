using CardService.Core.Meta;

namespace CardService.Core.Tests.Meta;

public sealed class BestValuesBuilderTests
{
    private static BestValues Best(string head, string body = "") =>
        MetaReader.Read($"<!doctype html><html lang=\"en\"><head>{head}</head><body>{body}</body></html>", Fixture.PageUrl).Best;

    [Fact]
    public void Build_AllSources_PrefersOpenGraph()
    {
        var sut = Best("""
            <title>HTML</title><meta name="twitter:title" content="Twitter"><meta property="og:title" content="OG">
            <meta property="og:site_name" content="Site"><meta property="og:locale" content="en_GB">
            <meta property="article:section" content="Tech"><meta property="article:published_time" content="2024-01-02">
            """);

        Assert.Equal(new MetaValue("OG", MetaNames.OgTitle), sut.Title);
        Assert.Equal(new MetaValue("Site", MetaNames.OgSiteName), sut.SiteName);
        Assert.Equal(new MetaValue("en_GB", MetaNames.OgLocale), sut.Locale);
        Assert.Equal(new MetaValue("Tech", MetaNames.ArticleSection), sut.Category);
        Assert.Equal(new MetaValue("2024-01-02", MetaNames.ArticlePublishedTime), sut.PublishedDate);
    }

    [Fact]
    public void Build_NoOg_FallsBackToTwitterThenHtml()
    {
        var sut = Best("<title>HTML</title><meta name=\"twitter:title\" content=\"Twitter\"><meta name=\"description\" content=\"Desc\">");

        Assert.Equal(new MetaValue("Twitter", MetaNames.TwitterTitle), sut.Title);
        Assert.Equal(new MetaValue("Desc", Sources.MetaDescription), sut.Description);
        Assert.Equal(new MetaValue("en", Sources.HtmlLang), sut.Locale);
        Assert.Equal(new MetaValue(Fixture.PageUrl.AbsoluteUri, Sources.PageUrl), sut.Url);
    }

    [Fact]
    public void Build_OnlyJsonLd_UsesItsFields()
    {
        var sut = Best(Fixture.Html("json-ld").Split("<head>")[1].Split("</head>")[0]);

        Assert.Equal(new MetaValue("Headline from JSON-LD", Sources.JsonLdHeadline), sut.Title);
        Assert.Equal(new MetaValue("https://example.com/ld.png", Sources.JsonLdImage), sut.Image);
        Assert.Equal(new MetaValue("Example Press", Sources.JsonLdPublisher), sut.SiteName);
        Assert.Equal(new MetaValue("Ada", Sources.JsonLdAuthor), sut.Author);
        Assert.Equal(new MetaValue("2024-05-01T10:00:00Z", Sources.JsonLdDatePublished), sut.PublishedDate);
        Assert.Equal(new MetaValue("Engineering", Sources.JsonLdArticleSection), sut.Category);
    }

    [Fact]
    public void Build_InvalidJsonLd_IsIgnored()
    {
        var sut = Best("<script type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":\"x\",}</script>");

        Assert.Null(sut.Title);
    }

    [Fact]
    public void Build_NoImageTags_FallsBackToTheFirstImg()
    {
        var sut = Best("<title>t</title>", "<img src=\"data:image/png;base64,AA==\"><img src=\"/hero.jpg\">");

        Assert.Equal(new MetaValue("https://example.com/hero.jpg", Sources.Img), sut.Image);
    }

    [Fact]
    public void Build_CanonicalWithoutOgUrl_UsesCanonical()
    {
        var sut = Best("<link rel=\"canonical\" href=\"/canonical\">");

        Assert.Equal(new MetaValue("https://example.com/canonical", LinkRels.Canonical), sut.Url);
    }

    [Fact]
    public void Build_AuthorAsProfileUrl_IsSkippedForANameAndKeywordsGiveTheCategory()
    {
        var sut = Best("<meta property=\"article:author\" content=\"https://facebook.com/ada\"><meta name=\"twitter:creator\" content=\"@ada\"><meta name=\"keywords\" content=\"dotnet, html\">");

        Assert.Equal(new MetaValue("@ada", MetaNames.TwitterCreator), sut.Author);
        Assert.Equal(new MetaValue("dotnet", MetaNames.Keywords), sut.Category);
    }

    private static BestValues BestAt(string url, string head, string body = "") =>
        MetaReader.Read($"<!doctype html><html><head>{head}</head><body>{body}</body></html>", new Uri(url)).Best;

    [Theory]
    [InlineData("<title>The Post | Example Press</title><meta property=\"og:title\" content=\"The Post\">")]
    [InlineData("<title>Example Press - The Post</title><meta name=\"twitter:title\" content=\"The Post\">")]
    [InlineData("<title>The Post – Example Press</title><script type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":\"The Post\"}</script>")]
    public void Build_NoSiteNameTag_TakesTheTitlePartBesideThePostTitle(string head)
    {
        var sut = Best(head);

        Assert.Equal(new MetaValue("Example Press", Sources.TitleSiteName), sut.SiteName);
    }

    [Fact]
    public void Build_TitleWithoutPostTitleTags_TakesThePartBesideTheUrlSlug()
    {
        var sut = BestAt("https://blog.example/notes/the-winds-of-change", "<title>Gale Notes | The Winds of Change</title>");

        Assert.Equal(new MetaValue("Gale Notes", Sources.TitleSiteName), sut.SiteName);
    }

    [Fact]
    public void Build_OneWordSlug_IsNotTakenForThePostTitle()
    {
        // "/xkcd" names the site as well as it could name a post: nothing tells which part is which.
        var sut = BestAt("https://comics.example/xkcd", "<title>xkcd: Regular Expressions</title>");

        Assert.Null(sut.SiteName);
    }

    [Fact]
    public void Build_TitlePartNamingTheHost_IsTheSiteName()
    {
        var sut = BestAt("https://www.gale.example/2024/05/post", "<title>Gale | Why wind turns</title>");

        Assert.Equal(new MetaValue("Gale", Sources.TitleSiteName), sut.SiteName);
    }

    [Fact]
    public void Build_ApplicationNameRepeatingThePostTitle_IsNoSiteName()
    {
        var sut = Best("<title>Grow Revenue | Example Press</title><meta property=\"og:title\" content=\"Grow Revenue \"><meta name=\"application-name\" content=\"Grow Revenue\">");

        Assert.Equal(new MetaValue("Example Press", Sources.TitleSiteName), sut.SiteName);
    }

    [Fact]
    public void Build_NoImageTags_PassesOverLogosAndIconsForAContentImage()
    {
        var sut = Best(
            "<title>t</title>",
            "<img src=\"/assets/site-logo.png\"><img src=\"/menu.svg\"><img src=\"/icons/share.png\"><img src=\"/favicon.ico\"><img src=\"/media/wind-farm.jpg\">");

        Assert.Equal(new MetaValue("https://example.com/media/wind-farm.jpg", Sources.Img), sut.Image);
    }

    [Fact]
    public void Build_ImageRepeatedPastTheLimit_StillReachesTheContentImage()
    {
        // A separator drawn twelve times takes one of the ten places kept, not all of them.
        var sut = Best("<title>t</title>", string.Concat(Enumerable.Repeat("<img src=\"/sep.svg\">", 12)) + "<img src=\"/media/wind-farm.jpg\">");

        Assert.Equal(new MetaValue("https://example.com/media/wind-farm.jpg", Sources.Img), sut.Image);
    }

    [Fact]
    public void Build_OnlyLogosAndIcons_HasNoImage()
    {
        var sut = Best("<title>t</title>", "<img src=\"/logo.png\"><img src=\"/header.svg\"><img src=\"/avatar/ada.jpg\">");

        Assert.Null(sut.Image);
    }

    [Fact]
    public void Build_OgImageWithHttpsSecureUrl_PrefersTheSecureUrl()
    {
        var sut = Best("""
            <meta property="og:image" content="http://img.example/card.png">
            <meta property="og:image:secure_url" content="https://img-ssl.example/card.png">
            """);

        Assert.Equal(new MetaValue("https://img-ssl.example/card.png", MetaNames.OgImage), sut.Image);
    }

    [Fact]
    public void Build_SecureUrlThatIsNotHttps_KeepsOgImage()
    {
        var sut = Best("""
            <meta property="og:image" content="https://img.example/card.png">
            <meta property="og:image:secure_url" content="http://img.example/other.png">
            """);

        Assert.Equal("https://img.example/card.png", sut.Image?.Value);
    }

    [Theory]
    [InlineData("<img src=\"/a.png\" alt=\"Shop logo\">")]
    [InlineData("<img src=\"/a.png\" class=\"site-icon\">")]
    [InlineData("<img src=\"/a.png\" id=\"headerLogo\">")]
    [InlineData("<img src=\"/a.png\" width=\"24\" height=\"24\">")]
    [InlineData("<img src=\"/a.png\" height=\"32px\">")]
    [InlineData("<img src=\"/a.png\" style=\"height: 38px\">")]
    public void Build_NoImageTagsFirstImgMarkedAsLogoOrIcon_TakesTheNextImg(string chrome)
    {
        var sut = Best("<title>Post</title>", chrome + "<img src=\"/photo.jpg\" width=\"800\" height=\"450\" alt=\"A lake\">");

        Assert.Equal(new MetaValue(new Uri(Fixture.PageUrl, "/photo.jpg").AbsoluteUri, Sources.Img), sut.Image);
    }

    [Theory]
    [InlineData("<img src=\"/a.png\" width=\"48\" alt=\"A diagram\">")]
    [InlineData("<img src=\"/a.png\" width=\"100%\">")]
    [InlineData("<img src=\"/a.png\" style=\"max-width: 20px\">")]
    public void Build_FirstImgNotMarked_IsTheImage(string content)
    {
        var sut = Best("<title>Post</title>", content + "<img src=\"/photo.jpg\">");

        Assert.Equal(new Uri(Fixture.PageUrl, "/a.png").AbsoluteUri, sut.Image?.Value);
    }

    [Fact]
    public void Build_JsonLdOrganizationWithoutWebSite_IsNotTheSiteName()
    {
        // A company profile: the Organization is what the page is about; the title names the site.
        var sut = Best("""
            <title>Acme Widgets | Profiles</title><meta property="og:title" content="Acme Widgets">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Acme Widgets Inc"}</script>
            """);

        Assert.Equal(new MetaValue("Profiles", Sources.TitleSiteName), sut.SiteName);
    }

    [Fact]
    public void Build_JsonLdWebSite_IsTheSiteName()
    {
        var sut = Best("""
            <title>A post</title>
            <script type="application/ld+json">[{"@context":"https://schema.org","@type":"Organization","name":"Acme Widgets Inc"},
            {"@context":"https://schema.org","@type":"WebSite","name":"Acme Blog"}]</script>
            """);

        Assert.Equal(new MetaValue("Acme Blog", Sources.JsonLdSiteName), sut.SiteName);
    }
}
