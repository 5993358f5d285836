using CardService.Core.Meta;

namespace CardService.Core.Tests.Meta;

public sealed class PreviewBuilderTests
{
    private static PageMeta Page(string head, string? url = null) =>
        MetaReader.Read($"<!doctype html><html><head>{head}</head><body></body></html>", new Uri(url ?? "https://www.example.com/blog/2024/hello-world?x=1"));

    private static EffectivePreview Preview(PageMeta meta, PreviewPlatform platform) => meta.Previews.Single(p => p.Platform == platform);

    private const string OgOnly = """
        <title>HTML title</title><meta name="description" content="HTML description">
        <meta property="og:title" content="OG title"><meta property="og:description" content="OG description">
        <meta property="og:type" content="article"><meta property="og:image" content="/og.png">
        <meta property="og:image:width" content="1200"><meta property="og:image:height" content="630"><meta property="og:image:alt" content="Alt">
        <meta property="og:site_name" content="Example">
        """;

    private const string TwitterAndOg = OgOnly + """
        <meta name="twitter:card" content="summary_large_image"><meta name="twitter:title" content="Twitter title">
        <meta name="twitter:description" content="Twitter description"><meta name="twitter:image" content="https://example.com/tw.png">
        <meta name="twitter:site" content="@example">
        """;

    [Fact]
    public void BuildAll_AnyPage_GivesOnePreviewPerPlatform()
    {
        var sut = Page(OgOnly).Previews;

        Assert.Equal(Enum.GetValues<PreviewPlatform>(), sut.Select(p => p.Platform));
    }

    [Fact]
    public void Build_XWithTwitterTags_PrefersThemOverOg()
    {
        var sut = Preview(Page(TwitterAndOg), PreviewPlatform.X);

        Assert.Equal(new MetaValue("Twitter title", MetaNames.TwitterTitle), sut.Title);
        Assert.Equal(new MetaValue("Twitter description", MetaNames.TwitterDescription), sut.Description);
        Assert.Equal(new MetaValue("https://example.com/tw.png", MetaNames.TwitterImage), sut.Image);
        Assert.Equal(XCardKind.SummaryLargeImage, sut.CardKind);
        Assert.Equal("@example", sut.SiteName?.Value);
    }

    [Fact]
    public void Build_XWithoutTwitterTags_FallsBackToOgAndAnImplicitSummaryCard()
    {
        var sut = Preview(Page(OgOnly), PreviewPlatform.X);

        Assert.Equal(new MetaValue("OG title", MetaNames.OgTitle), sut.Title);
        Assert.Equal(new MetaValue("https://www.example.com/og.png", MetaNames.OgImage), sut.Image);
        Assert.Equal((1200, 630, "Alt"), (sut.ImageWidth, sut.ImageHeight, sut.ImageAlt));
        Assert.Equal(XCardKind.Summary, sut.CardKind);
        Assert.True(sut.HasPreview);
    }

    [Fact]
    public void Build_XWithOnlyHtmlTags_HasNoCard()
    {
        var sut = Preview(Page("<title>HTML title</title>"), PreviewPlatform.X);

        Assert.Equal(XCardKind.None, sut.CardKind);
        Assert.Null(sut.Title);
        Assert.False(sut.HasPreview);
    }

    [Fact]
    public void Build_XLongTexts_CutsTitleAt70AndDescriptionAt200()
    {
        var title = new string('t', 71);
        var description = new string('d', 201);

        var sut = Preview(Page($"<meta name=\"twitter:card\" content=\"summary\"><meta name=\"twitter:title\" content=\"{title}\"><meta name=\"twitter:description\" content=\"{description}\">"), PreviewPlatform.X);

        Assert.Equal(PreviewLimits.XTitleChars, sut.Title!.Value.Length);
        Assert.EndsWith(PreviewLimits.Ellipsis, sut.Title.Value, StringComparison.Ordinal);
        Assert.True(sut.TitleTruncated);
        Assert.Equal(PreviewLimits.XDescriptionChars, sut.Description!.Value.Length);
        Assert.True(sut.DescriptionTruncated);
    }

    [Fact]
    public void Build_XTitleOfExactly70_IsNotCut()
    {
        var title = new string('t', 70);

        var sut = Preview(Page($"<meta name=\"twitter:title\" content=\"{title}\">"), PreviewPlatform.X);

        Assert.Equal(title, sut.Title?.Value);
        Assert.False(sut.TitleTruncated);
    }

    [Fact]
    public void Build_FacebookWithoutOg_FallsBackToHtmlTitleAndDescription()
    {
        var sut = Preview(Page("<title>HTML title</title><meta name=\"description\" content=\"HTML description\">"), PreviewPlatform.Facebook);

        Assert.Equal(new MetaValue("HTML title", Sources.Title), sut.Title);
        Assert.Equal(new MetaValue("HTML description", Sources.MetaDescription), sut.Description);
        Assert.Null(sut.Image);
    }

    [Fact]
    public void Build_LinkedIn_IgnoresTwitterAndHtmlTags()
    {
        var sut = Preview(Page("<title>HTML title</title><meta name=\"twitter:title\" content=\"Twitter title\">"), PreviewPlatform.LinkedIn);

        Assert.Null(sut.Title);
        Assert.False(sut.HasPreview);
    }

    [Fact]
    public void Build_LinkedInWithOg_UsesOg()
    {
        var sut = Preview(Page(TwitterAndOg), PreviewPlatform.LinkedIn);

        Assert.Equal(("OG title", "OG description"), (sut.Title?.Value, sut.Description?.Value));
        Assert.True(sut.HasPreview);
    }

    [Fact]
    public void Build_Slack_PrefersTwitterThenOgAndShowsLabelsAndOEmbed()
    {
        var meta = Page(TwitterAndOg + """
            <meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Ada">
            <link rel="alternate" type="application/json+oembed" href="/oembed.json">
            """);

        var sut = Preview(meta, PreviewPlatform.Slack);

        Assert.Equal("Twitter title", sut.Title?.Value);
        Assert.Equal([new PreviewField("Written by", "Ada")], sut.Fields.ToArray());
        Assert.Equal("https://www.example.com/oembed.json", sut.OEmbedUrl);
        Assert.Equal("Example", sut.SiteName?.Value);
    }

    [Fact]
    public void Build_SlackTagPast32KB_IsListedAsPastTheWindow()
    {
        var padding = "<!--" + new string('x', PreviewLimits.SlackWindowBytes) + "-->";

        var sut = Preview(Page("<title>t</title>" + padding + "<meta property=\"og:title\" content=\"Late\">"), PreviewPlatform.Slack);

        Assert.Equal([MetaNames.OgTitle], sut.TagsPastWindow.ToArray());
    }

    [Fact]
    public void Build_Discord_CutsTitleAt67BytesAndDescriptionAt347WithThreeDots()
    {
        var title = new string('é', 40); // 80 UTF-8 bytes
        var description = new string('d', 400);

        var sut = Preview(Page($"<meta property=\"og:title\" content=\"{title}\"><meta property=\"og:description\" content=\"{description}\"><meta name=\"theme-color\" content=\"#112233\">"), PreviewPlatform.Discord);

        Assert.Equal(new string('é', 33) + "...", sut.Title?.Value);
        Assert.Equal(new string('d', PreviewLimits.DiscordDescriptionChars) + "...", sut.Description?.Value);
        Assert.Equal("#112233", sut.ThemeColor);
        Assert.True(sut.HasPreview);
    }

    [Fact]
    public void Build_DiscordWithoutOgTitleOrDescription_ShowsNoEmbed()
    {
        var sut = Preview(Page("<title>Only HTML</title>"), PreviewPlatform.Discord);

        Assert.False(sut.HasPreview);
    }

    [Fact]
    public void Build_Google_UsesHtmlTitleCutAt60AndDescriptionAt160WithABreadcrumb()
    {
        var title = new string('t', 80);
        var description = new string('d', 200);

        var sut = Preview(Page($"<title>{title}</title><meta name=\"description\" content=\"{description}\"><meta property=\"og:title\" content=\"OG\">"), PreviewPlatform.GoogleSearch);

        Assert.Equal(Sources.Title, sut.Title?.Source);
        Assert.Equal(PreviewLimits.GoogleTitleChars, sut.Title?.Value.Length);
        Assert.Equal(PreviewLimits.GoogleDescriptionChars, sut.Description?.Value.Length);
        Assert.Equal("https://www.example.com › blog › 2024 › hello-world", sut.Breadcrumb);
        Assert.Equal("example.com", sut.Domain);
    }

    [Fact]
    public void Build_GoogleNoIndex_HasNoResult()
    {
        var sut = Preview(Page("<title>t</title><meta name=\"robots\" content=\"noindex\">"), PreviewPlatform.GoogleSearch);

        Assert.False(sut.HasPreview);
    }

    [Theory]
    [InlineData("summary", XCardKind.Summary)]
    [InlineData("SUMMARY_LARGE_IMAGE", XCardKind.SummaryLargeImage)]
    [InlineData("player", XCardKind.Player)]
    [InlineData("app", XCardKind.App)]
    [InlineData("gallery", XCardKind.Unknown)]
    public void CardKind_TwitterCardValue_MapsToKind(string value, XCardKind expected)
    {
        var sut = PreviewBuilder.CardKind(Page($"<meta name=\"twitter:card\" content=\"{value}\">"));

        Assert.Equal(expected, sut);
    }

    [Fact]
    public void CardKind_OgTitleAndDescriptionWithoutType_IsNone()
    {
        var sut = PreviewBuilder.CardKind(Page("<meta property=\"og:title\" content=\"t\"><meta property=\"og:description\" content=\"d\">"));

        Assert.Equal(XCardKind.None, sut);
    }
}
