namespace CardService.Core.Cards;

/// <summary>Everything that decides how one card looks. Equal specs render to equal bytes.</summary>
public sealed record CardSpec
{
    /// <summary>The post's title: required, at most <see cref="CardLimits.MaxTitleLength"/> characters.</summary>
    public required string Title { get; init; }

    /// <summary>A short label above the title (a post's category), drawn upper-case.</summary>
    public string? Category { get; init; }

    /// <summary>A subtitle or description drawn under the title when there is room.</summary>
    public string? Description { get; init; }

    /// <summary>The site's name (or host) in the footer.</summary>
    public string? SiteName { get; init; }

    /// <summary>The author's name in the footer.</summary>
    public string? Author { get; init; }

    /// <summary>The date shown in the footer, as the caller wants it written (e.g. <c>2022-01-11</c>).</summary>
    public string? Date { get; init; }

    /// <summary>A built-in theme's name (see <see cref="CardThemes"/>).</summary>
    public string Theme { get; init; } = CardThemes.DefaultName;

    /// <summary>A built-in template's name (see <see cref="CardTemplates"/>): how the card is arranged.</summary>
    public string Template { get; init; } = CardTemplates.DefaultName;

    /// <summary>Accent colour as <c>#rgb</c> or <c>#rrggbb</c>; null takes the theme's.</summary>
    public string? Accent { get; init; }

    /// <summary>A logo image: a <c>data:</c> URI (http(s) URLs and <c>auto</c> are resolved to one before rendering).</summary>
    public string? Logo { get; init; }

    /// <summary>A background image drawn under the theme's scrim: a <c>data:</c> URI (http(s) URLs are resolved before rendering).</summary>
    public string? Background { get; init; }

    public CardFormat Format { get; init; } = CardFormat.Png;

    public int Width { get; init; } = CardLimits.DefaultWidth;

    public int Height { get; init; } = CardLimits.DefaultHeight;
}

/// <summary>The image formats a card can be encoded as.</summary>
public enum CardFormat
{
    Png,
    Jpeg,
    Webp,
}

/// <summary>Bounds every card spec is held to, in one place.</summary>
public static class CardLimits
{
    public const int DefaultWidth = 1200;
    public const int DefaultHeight = 630;
    public const int MinSide = 200;
    public const int MaxSide = 2400;
    public const int MaxTitleLength = 300;
    public const int MaxTextFieldLength = 300;

    /// <summary>Named sizes a caller may ask for instead of width and height.</summary>
    public static readonly IReadOnlyDictionary<string, (int Width, int Height)> Presets =
        new Dictionary<string, (int, int)>(StringComparer.OrdinalIgnoreCase)
        {
            ["1200x630"] = (1200, 630),
            ["1200x600"] = (1200, 600),
            ["1080x1080"] = (1080, 1080),
        };
}
