using CardService.Core.Meta;

namespace CardService.Core.Tests.Meta;

public sealed class MetaReaderTests
{
    [Fact]
    public void Read_ValueAttributeInsteadOfContent_UsesValueAndFlagsIt()
    {
        var sut = Fixture.Read("value-attribute");

        Assert.Equal("Scaling NSQ", sut.Twitter.Title);
        Assert.True(sut.Tags[0].ContentFromValueAttribute);
        Assert.Equal("From content", sut.Twitter.Description);
        Assert.False(sut.Tags[1].ContentFromValueAttribute);
    }

    [Fact]
    public void Read_TwitterTagsWithProperty_ReadsThemAndSaysSo()
    {
        var sut = Fixture.Read("twitter-name-and-property");

        Assert.Equal("Written with property", sut.Twitter.Title);
        Assert.Equal("https://example.com/card.png", sut.Twitter.Image?.Value);
        Assert.True(sut.Twitter.AnyWrittenWithProperty);
        Assert.Equal(MetaKeyKind.Property, sut.Tags[1].KeyKind);
    }

    [Fact]
    public void Read_TagWithNameAndProperty_CountsForBoth()
    {
        var sut = Fixture.Read("twitter-name-and-property");

        Assert.Equal("One tag, two names", sut.Twitter.Description);
        Assert.Equal("One tag, two names", sut.OpenGraph.Description);
        Assert.Equal(MetaKeyKind.Both, sut.Tags[4].KeyKind);
    }

    [Fact]
    public void Read_SeveralOgImages_GroupsStructuredPropertiesPerImage()
    {
        var sut = Fixture.Read("multiple-images");

        Assert.Equal(2, sut.OpenGraph.Images.Length);
        var first = sut.OpenGraph.Images[0];
        Assert.Equal("https://example.com/a.png", first.Url?.Value);
        Assert.Equal("https://secure.example.com/a.png", first.SecureUrl?.Value);
        Assert.Equal(("image/png", 1200, 630, ""), (first.Type, first.Width, first.Height, first.Alt));
        var second = sut.OpenGraph.Images[1];
        Assert.Equal("https://example.com/b.jpg", second.Url?.Value);
        Assert.Null(second.Width);
        Assert.Equal("400px", second.RawWidth);
        Assert.Equal("Second image", second.Alt);
        Assert.Equal("video/mp4", Assert.Single(sut.OpenGraph.Videos).Type);
    }

    [Fact]
    public void Read_BaseHref_ResolvesRelativeUrlsAgainstItAndKeepsRaw()
    {
        var sut = Fixture.Read("base-href");

        Assert.Equal(new Uri("https://cdn.example.net/assets/"), sut.BaseUrl);
        var image = sut.OpenGraph.Images[0].Url!;
        Assert.Equal("img/card.png", image.Raw);
        Assert.Equal("https://cdn.example.net/assets/img/card.png", image.Value);
        Assert.True(image.IsRelative);
        Assert.Equal("https://cdn.example.net/posts/hello", sut.OpenGraph.Url?.Value);
    }

    [Fact]
    public void Read_ProtocolRelativeUrl_TakesThePageScheme()
    {
        var sut = Fixture.Read("relative-urls");

        var image = sut.Twitter.Image!;
        Assert.True(image.IsProtocolRelative);
        Assert.True(image.IsRelative);
        Assert.Equal("https://cdn.example.org/t.png", image.Value);
        Assert.Equal("https://example.com/images/card.png", sut.OpenGraph.Images[0].Url?.Value);
        Assert.False(sut.OpenGraph.Url!.IsRelative);
    }

    [Fact]
    public void Read_Icons_ListsThemWithSizesAndChoosesRelIcon()
    {
        var sut = Fixture.Read("relative-urls");

        Assert.Equal(["icon", "apple-touch-icon"], sut.Icons.Select(i => i.Rel));
        Assert.Equal("32x32", sut.Icons[0].Sizes);
        Assert.Equal("https://example.com/posts/favicon-32.png", sut.Favicon?.Url.Value);
        Assert.False(sut.Favicon?.IsFallback);
    }

    [Fact]
    public void Read_NoIcons_FallsBackToFaviconIcoFlagged()
    {
        var sut = Fixture.Read("no-tags");

        Assert.True(sut.Favicon?.IsFallback);
        Assert.Equal("https://example.com/favicon.ico", sut.Favicon?.Url.Value);
        Assert.Equal(LinkRels.DefaultFaviconSource, sut.Favicon?.Source);
    }

    [Fact]
    public void Read_TwoTitles_KeepsBothAndTheFirstWins()
    {
        var sut = Fixture.Read("two-titles");

        Assert.Equal(["Michael Lamb - First post", "First post | Michael Lamb"], sut.Titles.Select(t => t.Text));
        Assert.Equal("Michael Lamb - First post", sut.Title);
        Assert.Equal(2, sut.Authors.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_SvgTitleAfterTheRealOne_DoesNotWin(bool wholeDocument)
    {
        var sut = Fixture.Read("svg-title", new ReadOptions { ParseWholeDocument = wholeDocument });

        Assert.Equal("The real title", sut.Title);
        Assert.Equal([false, true], sut.Titles.Select(t => t.InSvg));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_TagsMisplacedInBody_AreReadAndFlagged(bool wholeDocument)
    {
        var sut = Fixture.Read("no-head-title", new ReadOptions { ParseWholeDocument = wholeDocument });

        Assert.Equal("Misplaced title", sut.Title);
        Assert.Equal("Misplaced og:title", sut.OpenGraph.Title);
        Assert.False(sut.Tags.Single(t => t.Property == "og:title").InHead);
        Assert.False(Assert.Single(sut.Canonicals).InHead);
        Assert.Empty(sut.OpenGraph.Images);
        Assert.Null(sut.OpenGraph.Description);
        Assert.Equal("https://example.com/hero.jpg", Assert.Single(sut.BodyImages).Value);
    }

    [Fact]
    public void Read_HeadOnly_IgnoresBody()
    {
        var sut = Fixture.Read("no-head-title", new ReadOptions { HeadOnly = true });

        Assert.Null(sut.OpenGraph.Title);
        Assert.Empty(sut.Canonicals);
        Assert.Empty(sut.Titles);
    }

    [Fact]
    public void Read_Positions_AreCharacterOffsetsOfElementStarts()
    {
        var html = Fixture.Html("no-head-title");

        var sut = MetaReader.Read(html, Fixture.PageUrl);

        Assert.True(sut.HasPositions);
        Assert.All(sut.Tags, t => Assert.StartsWith("<meta", html[t.Position!.Value..], StringComparison.Ordinal));
        Assert.All(sut.Links, l => Assert.StartsWith("<link", html[l.Position!.Value..], StringComparison.Ordinal));
        Assert.All(sut.Titles, t => Assert.StartsWith("<title", html[t.Position!.Value..], StringComparison.Ordinal));
    }

    [Fact]
    public void Read_PositionsOff_RecordsNone()
    {
        var sut = Fixture.Read("no-head-title", new ReadOptions { RecordPositions = false });

        Assert.False(sut.HasPositions);
        Assert.All(sut.Tags, t => Assert.Null(t.Position));
        Assert.Equal("Misplaced og:title", sut.OpenGraph.Title);
    }

    [Fact]
    public void Read_JsonLd_ParsesValidBlocksKeepsInvalidOnesAndFlattensGraph()
    {
        var sut = Fixture.Read("json-ld");

        Assert.Equal(3, sut.JsonLd.Length);
        var post = Assert.Single(sut.JsonLd[0].Items);
        Assert.Equal(["BlogPosting"], post.Types.ToArray());
        Assert.Equal("Headline from JSON-LD", post.Headline);
        Assert.Equal(["https://example.com/ld.png", "https://example.com/ld2.png"], post.Images.ToArray());
        Assert.Equal(["Ada", "Grace"], post.AuthorNames.ToArray());
        Assert.Equal(("Example Press", "https://example.com/logo.png"), (post.PublisherName, post.PublisherLogo));
        Assert.Equal(["Engineering"], post.ArticleSections.ToArray());
        Assert.Equal(["dotnet", "html"], post.Keywords.ToArray());

        Assert.False(sut.JsonLd[1].IsValid);
        Assert.NotNull(sut.JsonLd[1].Error?.LineNumber);
        Assert.Empty(sut.JsonLd[1].Items);

        Assert.Equal([["WebSite"], ["Article", "NewsArticle"]], sut.JsonLd[2].Items.Select(i => i.Types.ToArray()));
        Assert.All(sut.JsonLd[2].Items, i => Assert.True(i.FromGraph));
    }

    [Fact]
    public void Read_Links_SortsOEmbedHreflangFeedsAndCanonicals()
    {
        var sut = Fixture.Read("links");

        Assert.Equal([LinkRels.OEmbedJson, LinkRels.OEmbedXml], sut.OEmbeds.Select(o => o.Type));
        Assert.Equal(["de", "x-default"], sut.Hreflangs.Select(h => h.Hreflang));
        Assert.Equal("https://example.com/feed.xml", Assert.Single(sut.Feeds).Href.Value);
        Assert.Equal(2, sut.Canonicals.Length);
        Assert.Equal("shortcut icon", Assert.Single(sut.Icons).Rel);
        Assert.Equal("en-GB", sut.Lang);
    }

    [Fact]
    public void Read_RobotsAndHeadMetas_AreRead()
    {
        var sut = MetaReader.Read(Fixture.Html("links"), Fixture.PageUrl, new ReadOptions { XRobotsTag = "noarchive" });

        Assert.Equal(["robots", "googlebot"], sut.Robots.Tags.Select(t => t.Name));
        Assert.True(sut.Robots.NoIndex);
        Assert.True(sut.Robots.NoFollow);
        Assert.Equal("large", sut.Robots.MaxImagePreview);
        Assert.Equal("noarchive", sut.Robots.Header);
        Assert.Equal(("#ff6600", "width=device-width", "Jekyll v3.9.3"), (sut.ThemeColor, sut.Viewport, sut.Generator));
    }

    [Fact]
    public void Read_XRobotsTagHeader_CanSayNoIndexAlone()
    {
        var sut = MetaReader.Read(Fixture.Html("no-tags"), Fixture.PageUrl, new ReadOptions { XRobotsTag = "googlebot: noindex" });

        Assert.True(sut.Robots.NoIndex);
        Assert.Empty(sut.Robots.Tags);
    }

    [Fact]
    public void Read_SeveralTwitterCards_TheLastWinsAndAllAreKept()
    {
        var sut = Fixture.Read("twitter-cards");

        Assert.Equal("summary_large_image", sut.Twitter.Card);
        Assert.Equal(["summary", "summary_large_image"], sut.Twitter.CardValues.ToArray());
        Assert.Equal(("Written by", "Ada", "Reading time", "4 minutes"), (sut.Twitter.Label1, sut.Twitter.Data1, sut.Twitter.Label2, sut.Twitter.Data2));
    }

    [Fact]
    public void Read_WhitespaceAndEntities_AreDecodedTrimmedAndCollapsed()
    {
        var sut = Fixture.Read("whitespace-entities");

        Assert.Equal("Fish & Chips — a story", sut.Title);
        Assert.Equal("Café culture", sut.Description);
        Assert.Equal("Tom \"the cat\"", sut.OpenGraph.Title);
    }

    [Fact]
    public void Read_MetaCharset_IsRecorded()
    {
        var sut = Fixture.Read("no-head-title");

        Assert.Equal("utf-8", sut.MetaCharset);
    }

    [Fact]
    public void Read_Bytes_KeepsHowTheyWereDecoded()
    {
        var bytes = "<html><head><meta charset=\"iso-8859-1\"><title>Caf\u00e9</title></head></html>"u8.ToArray();

        var sut = MetaReader.Read(bytes, null, Fixture.PageUrl);

        Assert.Equal("Café", sut.Title);
        Assert.True(sut.Decoding?.DeclarationOverridden);
    }

    [Fact]
    public void Read_RelativePageUrl_Throws()
    {
        Assert.Throws<ArgumentException>(() => MetaReader.Read("<title>x</title>", new Uri("/x", UriKind.Relative)));
    }

    [Fact]
    public async Task ReadAsync_SameHtml_ReadsTheSameAsRead()
    {
        var html = Fixture.Html("json-ld");

        var sut = await MetaReader.ReadAsync(html, Fixture.PageUrl);

        Assert.Equal(MetaReader.Read(html, Fixture.PageUrl).Best, sut.Best);
    }
}
