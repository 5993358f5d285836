using CardService.Core.Fetching;

namespace CardService.Core.Meta;

/// <summary>Picks each card field's best value from the page's tags (see <see cref="BestValues"/> for the orders).</summary>
internal static class BestValuesBuilder
{
    public static BestValues Build(PageMeta meta)
    {
        var og = meta.OpenGraph;
        var tw = meta.Twitter;
        // Google ignores invalid blocks, so do we.
        var items = meta.JsonLd.Where(b => b.IsValid).SelectMany(b => b.Items).ToList();
        var article = items.FirstOrDefault(i => i.Headline is not null || i.DatePublished is not null);
        // The WebSite names the site (Google's site-name source); an Organization on a page is as often its subject (a company profile) as its publisher.
        var site = items.FirstOrDefault(i => i.Types.Contains("WebSite"));
        var title = Pick(
            (og.Title, MetaNames.OgTitle),
            (tw.Title, MetaNames.TwitterTitle),
            (meta.Title, Sources.Title),
            (article?.Headline, Sources.JsonLdHeadline),
            (items.Select(i => i.Name).FirstOrDefault(n => n is not null), Sources.JsonLdName));

        return new BestValues
        {
            Title = title,
            Description = Pick(
                (og.Description, MetaNames.OgDescription),
                (tw.Description, MetaNames.TwitterDescription),
                (meta.Description, Sources.MetaDescription),
                (items.Select(i => i.Description).FirstOrDefault(d => d is not null), Sources.JsonLdDescription)),
            Image = Pick(
                // og:image:secure_url first, as both peers and Facebook take it: an https page shows no http image.
                (og.Images.Select(i => i.SecureUrl?.Resolved is { Scheme: "https" } secure ? secure : i.Url?.Resolved ?? i.SecureUrl?.Resolved).FirstOrDefault(u => u is not null)?.AbsoluteUri, MetaNames.OgImage),
                (tw.Image?.Resolved?.AbsoluteUri, MetaNames.TwitterImage),
                (items.SelectMany(i => i.Images).Select(u => Resolve(meta, u)).FirstOrDefault(u => u is not null), Sources.JsonLdImage),
                // Both peers fall back to the page's first image; it is often a logo, so it comes last and logos are passed over.
                (meta.BodyImages.Where(i => !meta.ChromeImages.Contains(i.Raw)).Select(i => i.Resolved).FirstOrDefault(u => u is not null && !LooksLikeLogoOrIcon(u))?.AbsoluteUri, Sources.Img)),
            Url = Pick(
                (og.Url?.Resolved?.AbsoluteUri, MetaNames.OgUrl),
                (meta.Canonicals.FirstOrDefault(c => c.InHead && c.Href.Resolved is not null)?.Href.Resolved!.AbsoluteUri, LinkRels.Canonical),
                (meta.PageUrl.AbsoluteUri, Sources.PageUrl)),
            SiteName = Pick(
                (og.SiteName, MetaNames.OgSiteName),
                (NotThePost(items.Select(i => i.PublisherName).FirstOrDefault(n => n is not null), title), Sources.JsonLdPublisher),
                (NotThePost(site?.Name, title), Sources.JsonLdSiteName),
                (SiteNameInTitle(meta, article?.Headline), Sources.TitleSiteName),
                (NotThePost(meta.Tags.FirstOrDefault(t => t.Name == MetaNames.Publisher && !string.IsNullOrWhiteSpace(t.Content))?.Content, title), MetaNames.Publisher),
                (NotThePost(meta.ApplicationName, title), MetaNames.ApplicationName)),
            Author = Pick(
                (meta.Authors.FirstOrDefault(), MetaNames.Author),
                (items.SelectMany(i => i.AuthorNames).FirstOrDefault(), Sources.JsonLdAuthor),
                (meta.Article.Authors.FirstOrDefault(a => !a.Contains("://", StringComparison.Ordinal)), MetaNames.ArticleAuthor),
                (tw.Creator, MetaNames.TwitterCreator)),
            PublishedDate = Pick(
                (meta.Article.PublishedTime, MetaNames.ArticlePublishedTime),
                (items.Select(i => i.DatePublished).FirstOrDefault(d => d is not null), Sources.JsonLdDatePublished),
                OtherDate(meta)),
            Locale = Pick(
                (og.Locale, MetaNames.OgLocale),
                (meta.Lang, Sources.HtmlLang),
                (items.Select(i => i.InLanguage).FirstOrDefault(l => l is not null), Sources.JsonLdInLanguage)),
            Category = Pick(
                (meta.Article.Section, MetaNames.ArticleSection),
                (items.SelectMany(i => i.ArticleSections).FirstOrDefault(), Sources.JsonLdArticleSection),
                (meta.Article.Tags.FirstOrDefault(), MetaNames.ArticleTag),
                (items.SelectMany(i => i.Keywords).FirstOrDefault(), Sources.JsonLdKeywords),
                (meta.Keywords.FirstOrDefault(), MetaNames.Keywords)),
        };
    }

    // A fallback that only repeats the post's title (application-name copied from og:title, a WebSite named like the post) names no site.
    private static string? NotThePost(string? candidate, MetaValue? title) =>
        candidate is not null && title is not null && TitleParts.SameWords(candidate, title.Value) ? null : candidate;

    // "Post | Site": the part of <title> beside the post's own title (og:title, twitter:title, headline) or its URL slug, or the part that names the host.
    private static string? SiteNameInTitle(PageMeta meta, string? headline)
    {
        if (meta.Title is not { Length: > 0 } documentTitle)
        {
            return null;
        }

        var postTitle = new[] { meta.OpenGraph.Title, meta.Twitter.Title, headline }
            .FirstOrDefault(t => !string.IsNullOrWhiteSpace(t) && !TitleParts.SameWords(t, documentTitle));
        return TitleParts.SiteName(documentTitle, postTitle, meta.PageUrl);
    }

    // Words in an image's path that mark a site's chrome, not the post's content; SVG and ICO are logos and icons, and no
    // platform shows them as a preview.
    private static readonly string[] ChromeWords = ["logo", "icon", "sprite", "avatar", "badge", "spinner", "loading", "spacer", "pixel", "blank", "button"];

    private static bool LooksLikeLogoOrIcon(Uri image)
    {
        var path = image.AbsolutePath.ToLowerInvariant();
        return path.EndsWith(".svg", StringComparison.Ordinal) || path.EndsWith(".ico", StringComparison.Ordinal)
            || ChromeWords.Any(word => path.Contains(word, StringComparison.Ordinal));
    }

    private static (string? Value, string Source) OtherDate(PageMeta meta)
    {
        foreach (var name in MetaNames.DateNames)
        {
            var tag = meta.Tags.FirstOrDefault(t => (t.Name == name || t.Property == name || t.ItemProp == name) && !string.IsNullOrWhiteSpace(t.Content));
            if (tag is not null)
            {
                return (tag.Content, "meta:" + name);
            }
        }

        return (null, string.Empty);
    }

    private static string? Resolve(PageMeta meta, string url) =>
        WebUrl.TryResolve(meta.BaseUrl, url, out var resolved) ? resolved.AbsoluteUri : null;

    private static MetaValue? Pick(params ReadOnlySpan<(string? Value, string Source)> candidates)
    {
        foreach (var (value, source) in candidates)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return new MetaValue(value, source);
            }
        }

        return null;
    }
}

/// <summary>Source names for values that do not come from a meta tag of that name.</summary>
public static class Sources
{
    public const string Title = "title";
    public const string MetaDescription = "meta:description";
    public const string PageUrl = "page-url";
    public const string HtmlLang = "html:lang";
    public const string Host = "host";
    public const string JsonLdHeadline = "json-ld:headline";
    public const string JsonLdName = "json-ld:name";
    public const string JsonLdDescription = "json-ld:description";
    public const string JsonLdImage = "json-ld:image";
    public const string JsonLdPublisher = "json-ld:publisher";
    public const string JsonLdSiteName = "json-ld:website-name";
    public const string TitleSiteName = "title:site-name";
    public const string JsonLdAuthor = "json-ld:author";
    public const string JsonLdDatePublished = "json-ld:datePublished";
    public const string JsonLdInLanguage = "json-ld:inLanguage";
    public const string JsonLdArticleSection = "json-ld:articleSection";
    public const string JsonLdKeywords = "json-ld:keywords";
    public const string ThemeColor = "theme-color";
    public const string Img = "img";
}
