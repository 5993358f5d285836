using System.Collections.Immutable;
using CardService.Core.Meta;
using static CardService.Core.Validation.RuleContext;

namespace CardService.Core.Validation.Rules;

/// <summary>JSON-LD: valid JSON, and Article's recommended properties.</summary>
internal static class StructuredDataRules
{
    public static readonly Rule Invalid = Rule.Define(
        "jsonld-invalid", Severity.Error, [Platform.Google],
        "A JSON-LD block is not valid JSON (Google ignores it)",
        "Fix the JSON (trailing commas, unescaped quotes, comments); check it with the Rich Results Test.",
        RuleSources.GoogleRichResults,
        static c => c.Meta.JsonLd.Where(b => b.Error is not null).Select(b => new RuleHit(
            Inv($"JSON-LD block {b.Index + 1} is not valid JSON ({b.Error!.Message}); Google ignores the whole block"),
            b.Raw.Length > 200 ? b.Raw[..200] : b.Raw)));

    public static readonly Rule ArticleMissingProperties = Rule.Define(
        "jsonld-article-missing-properties", Severity.Warning, [Platform.Google],
        "Article structured data lacks recommended properties (headline, image, datePublished, author)",
        "Give the Article / BlogPosting headline, image, datePublished and author (jekyll-seo-tag: set page.image and author).",
        RuleSources.GoogleArticle,
        static c => c.Meta.JsonLd.Where(b => b.IsValid).SelectMany(b => b.Items).Where(ImageRules.IsArticle)
            .Select(item => (item, missing: Missing(item)))
            .Where(x => x.missing.Count > 0)
            .Select(x => new RuleHit(Inv($"JSON-LD {x.item.Types[0]} lacks {string.Join(", ", x.missing)}; Google recommends them for article rich results"), string.Join(", ", x.missing))));

    public static readonly Rule DateInvalid = Rule.Define(
        "jsonld-date-invalid", Severity.Warning, [Platform.Google],
        "JSON-LD datePublished / dateModified is not ISO 8601",
        "Write dates as ISO 8601 with a time zone: 2024-03-01T09:30:00+01:00.",
        RuleSources.GoogleArticle,
        static c => c.Meta.JsonLd.Where(b => b.IsValid).SelectMany(b => b.Items)
            .SelectMany(i => new[] { ("datePublished", i.DatePublished), ("dateModified", i.DateModified) })
            .Where(d => d.Item2 is { } v && !Patterns.IsIso8601(v))
            .Select(d => new RuleHit(Inv($"JSON-LD {d.Item1} is \"{Excerpt.Of(d.Item2)}\", not an ISO 8601 date"), d.Item2)));

    public static readonly Rule NoneDeclared = Rule.Define(
        "jsonld-missing", Severity.Info, [Platform.Google],
        "No JSON-LD structured data",
        "Add a JSON-LD block (BlogPosting for posts, WebSite for the home page); jekyll-seo-tag writes one.",
        RuleSources.GoogleArticle,
        static c => c.Meta.JsonLd.IsEmpty ? [new("The page has no JSON-LD; it is not eligible for article rich results", null)] : []);

    public static ImmutableArray<Rule> All { get; } = [Invalid, ArticleMissingProperties, DateInvalid, NoneDeclared];

    private static List<string> Missing(JsonLdItem item)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(item.Headline))
        {
            missing.Add("headline");
        }

        if (item.Images.IsEmpty)
        {
            missing.Add("image");
        }

        if (string.IsNullOrWhiteSpace(item.DatePublished))
        {
            missing.Add("datePublished");
        }

        if (item.AuthorNames.IsEmpty)
        {
            missing.Add("author");
        }

        return missing;
    }
}
