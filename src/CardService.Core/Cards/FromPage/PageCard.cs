using System.Collections.Immutable;

namespace CardService.Core.Cards.FromPage;

/// <summary>The card fields a page offers, where each came from, and the icons <c>logo=auto</c> may use.</summary>
public sealed record PageCard
{
    /// <summary>The page's URL after redirects.</summary>
    public required Uri PageUrl { get; init; }

    /// <summary>Title, category, site name, author, date and accent as read from the page (never logo, background or layout).</summary>
    public CardFields Fields { get; init; } = new();

    /// <summary>Field name (as the API spells it: <c>title</c>, <c>siteName</c>, …) → source (<c>og:title</c>, <c>path</c>, …).</summary>
    public ImmutableDictionary<string, string> Sources { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Icons to try for <c>logo=auto</c>, best first: apple-touch-icon, the largest icon, <c>/favicon.ico</c>.</summary>
    public ImmutableArray<PageIcon> Icons { get; init; } = [];

    /// <summary>Whether the page gave a title a card can use.</summary>
    public bool HasTitle => !string.IsNullOrWhiteSpace(Fields.Title);
}

/// <summary>An icon a page declares (or the assumed <c>/favicon.ico</c>).</summary>
/// <param name="Url">The icon's absolute http(s) URL.</param>
/// <param name="Source">The <c>rel</c> it came from, or <c>default:/favicon.ico</c>.</param>
public sealed record PageIcon(Uri Url, string Source);

/// <summary>Source names for card fields that do not come from a tag.</summary>
public static class CardSources
{
    /// <summary>The caller gave the field.</summary>
    public const string Request = "request";

    /// <summary>A category read from the URL path (<see cref="CategoryFromPath"/>).</summary>
    public const string Path = "path";

    /// <summary>The site name is the page's host.</summary>
    public const string Host = "host";

    /// <summary>The accent is the page's <c>theme-color</c>.</summary>
    public const string ThemeColor = "theme-color";

    /// <summary><c>logo=auto</c> found no icon that could be fetched and decoded: the card has none.</summary>
    public const string None = "none";
}

/// <summary>The card field names sources are reported under, as the API spells them.</summary>
public static class CardFieldNames
{
    public const string Title = "title";
    public const string Category = "category";
    public const string Description = "description";
    public const string SiteName = "siteName";
    public const string Author = "author";
    public const string Date = "date";
    public const string Accent = "accent";
    public const string Logo = "logo";
    public const string Background = "background";
    public const string Url = "url";
}
