using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CardService.Core.Validation;

namespace CardService.Cli.Commands.Check;

/// <summary>Where a tag starts in the HTML source (1-based), for SARIF regions and annotations.</summary>
internal readonly record struct TagPosition(int Line, int Column);

/// <summary>
/// Finds the tag a finding is about, by rule id, in a page parsed with source positions: the tag whose value the finding
/// quotes when there is one, else the first tag of its kind, else <c>&lt;head&gt;</c> (where a missing tag belongs).
/// </summary>
internal sealed class TagLocator
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsKeepingSourceReferences = true });

    // Longest prefixes first: the first rule-id prefix that matches names the tags to look at.
    private static readonly (string Prefix, string Selector)[] TagsByRule =
    [
        ("og-image-alt", "meta[property='og:image:alt'], meta[property='og:image']"),
        ("og-image-dimensions", "meta[property='og:image:width'], meta[property='og:image:height'], meta[property='og:image']"),
        ("og-image", "meta[property='og:image'], meta[property='og:image:url'], meta[property='og:image:secure_url']"),
        ("whatsapp-image", "meta[property='og:image']"),
        ("linkedin-image", "meta[property='og:image']"),
        ("discover-image", "meta[property='og:image']"),
        ("twitter-image-alt", "meta[name='twitter:image:alt'], meta[property='twitter:image:alt']"),
        ("twitter-image", "meta[name='twitter:image'], meta[property='twitter:image'], meta[property='og:image']"),
        ("twitter-large-image", "meta[name='twitter:image'], meta[property='twitter:image'], meta[property='og:image']"),
        ("twitter-summary-image", "meta[name='twitter:image'], meta[property='twitter:image'], meta[property='og:image']"),
        ("twitter-title", "meta[name='twitter:title'], meta[property='twitter:title']"),
        ("twitter-description", "meta[name='twitter:description'], meta[property='twitter:description']"),
        ("twitter-written-with-property", "meta[property^='twitter:']"),
        ("twitter-", "meta[name='twitter:card'], meta[property='twitter:card']"),
        ("og-written-with-name", "meta[name^='og:']"),
        ("og-title", "meta[property='og:title']"),
        ("og-type", "meta[property='og:type']"),
        ("og-url", "meta[property='og:url']"),
        ("og-description", "meta[property='og:description']"),
        ("og-locale", "meta[property='og:locale']"),
        ("article-published-time", "meta[property='article:published_time']"),
        ("title", "title"),
        ("description", "meta[name='description']"),
        ("canonical", "link[rel='canonical']"),
        ("lang", "html"),
        ("robots", "meta[name='robots']"),
        ("discover-max-image-preview", "meta[name='robots']"),
        ("hreflang", "link[hreflang]"),
        ("jsonld", "script[type='application/ld+json']"),
        ("charset", "meta[charset], meta[http-equiv='Content-Type' i]"),
        ("theme-color", "meta[name='theme-color']"),
        ("oembed", "link[type*='oembed']"),
        ("favicon", "link[rel~='icon']"),
        ("apple-touch-icon", "link[rel~='apple-touch-icon'], link[rel~='apple-touch-icon-precomposed']"),
        ("icon-", "link[rel~='icon'], link[rel~='apple-touch-icon'], link[rel~='apple-touch-icon-precomposed']"),
    ];

    private readonly IDocument _document;

    public TagLocator(string html)
    {
        _document = Parser.ParseDocument(html);
    }

    /// <summary>Whether the page is only a redirect (<c>&lt;meta http-equiv="refresh"&gt;</c>), as jekyll-redirect-from and Hugo aliases write.</summary>
    public bool IsRedirectStub => _document.QuerySelector("meta[http-equiv='refresh' i]") is not null;

    public TagPosition Locate(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var selector = TagsByRule.FirstOrDefault(t => finding.RuleId.StartsWith(t.Prefix, StringComparison.Ordinal)).Selector;
        var candidates = selector is null ? [] : _document.QuerySelectorAll(selector).ToList();
        var tag = candidates.FirstOrDefault(e => finding.Value is { Length: > 0 } value && Quotes(e, value))
            ?? candidates.FirstOrDefault()
            ?? _document.Head
            ?? _document.DocumentElement;
        return tag.SourceReference is { } source ? new TagPosition(source.Position.Line, source.Position.Column) : new TagPosition(1, 1);
    }

    private static bool Quotes(IElement element, string value) =>
        (element.GetAttribute("content") ?? element.GetAttribute("href") ?? element.TextContent).Contains(value, StringComparison.Ordinal);
}
