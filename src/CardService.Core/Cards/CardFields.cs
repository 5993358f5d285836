using System.Globalization;
using CardService.Core.Fetching;

namespace CardService.Core.Cards;

/// <summary>A card request as it arrives (query string, JSON body or command line), before any of it is trusted.</summary>
public sealed record CardFields
{
    public string? Title { get; init; }
    public string? Category { get; init; }
    public string? Description { get; init; }
    public string? SiteName { get; init; }
    public string? Author { get; init; }
    public string? Date { get; init; }
    public string? Theme { get; init; }

    /// <summary>A template's name: classic (default), centered, photo or split.</summary>
    public string? Template { get; init; }

    /// <summary><c>#rgb</c>/<c>#rrggbb</c>, or the same without <c>#</c> (a bare <c>#</c> in a URL starts the fragment).</summary>
    public string? Accent { get; init; }

    /// <summary>A <c>data:</c> URI, an http(s) URL (fetched through the safe fetcher), or <c>auto</c> for the page's icon (needs <see cref="Url"/>).</summary>
    public string? Logo { get; init; }

    /// <summary>A <c>data:</c> URI or an http(s) URL.</summary>
    public string? Background { get; init; }

    /// <summary>A post's URL: its page is fetched and read for every field the request leaves out.</summary>
    public string? Url { get; init; }

    /// <summary><c>png</c> (default), <c>jpeg</c>/<c>jpg</c> or <c>webp</c>.</summary>
    public string? Format { get; init; }

    /// <summary>A preset (<c>1200x630</c>, <c>1200x600</c>, <c>1080x1080</c>) or any <c>WIDTHxHEIGHT</c>; not together with width/height.</summary>
    public string? Size { get; init; }

    public int? Width { get; init; }
    public int? Height { get; init; }
}

/// <summary>Turns <see cref="CardFields"/> into a valid <see cref="CardSpec"/>, or into field → messages.</summary>
public static class CardSpecFactory
{
    /// <summary>
    /// A valid spec from <paramref name="fields"/>, or null with every problem in <paramref name="errors"/>. Logo and
    /// background may still be http(s) URLs or <c>auto</c>: resolve them (<see cref="FromPage.CardResolver"/>) before rendering.
    /// </summary>
    public static CardSpec? TryCreate(CardFields fields, Dictionary<string, string[]> errors, CardRenderingOptions? limits = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(errors);
        CheckUrl(fields, errors);

        var format = ParseFormat(fields.Format, errors);
        var (width, height) = ParseSize(fields, errors);

        var spec = new CardSpec
        {
            Title = fields.Title ?? string.Empty,
            Category = Blank(fields.Category),
            Description = Blank(fields.Description),
            SiteName = Blank(fields.SiteName),
            Author = Blank(fields.Author),
            Date = Blank(fields.Date),
            Theme = Blank(fields.Theme)?.ToLowerInvariant() ?? CardThemes.DefaultName,
            Template = Blank(fields.Template)?.ToLowerInvariant() ?? CardTemplates.DefaultName,
            Accent = NormaliseAccent(Blank(fields.Accent)),
            Logo = NormaliseAuto(Blank(fields.Logo)),
            Background = Blank(fields.Background),
            Format = format,
            Width = width,
            Height = height,
        };

        foreach (var (field, messages) in CardSpecValidator.Validate(spec, limits))
        {
            // A size given as "size" is reported under that name, not as width/height the caller never sent.
            var name = Blank(fields.Size) is not null && field is "width" or "height" ? "size" : field;
            errors[name] = errors.TryGetValue(name, out var earlier) ? [.. earlier, .. messages] : messages;
        }

        return errors.Count == 0 ? spec : null;
    }

    /// <summary>
    /// Checks the fields a request gives before its page is fetched: everything <see cref="TryCreate"/> checks, except
    /// that the title may be left to the page when <see cref="CardFields.Url"/> is set.
    /// </summary>
    public static void CheckRequest(CardFields fields, Dictionary<string, string[]> errors, CardRenderingOptions? limits = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var titleFromPage = Blank(fields.Url) is not null && string.IsNullOrWhiteSpace(fields.Title);
        TryCreate(titleFromPage ? fields with { Title = "-" } : fields, errors, limits);
    }

    /// <summary>The page URL a request names, when it is an absolute http(s) URL.</summary>
    public static Uri? ParseUrl(string? value) =>
        WebUrl.TryParse(value, out var url) ? url : null;

    private static void CheckUrl(CardFields fields, Dictionary<string, string[]> errors)
    {
        if (Blank(fields.Url) is { } url && ParseUrl(url) is null)
        {
            errors["url"] = [WebUrl.Problem(url)!];
        }

        if (Blank(fields.Url) is null && string.Equals(fields.Logo, CardImages.Auto, StringComparison.OrdinalIgnoreCase))
        {
            errors["logo"] = ["logo=auto takes the page's icon: give the page's url too."];
        }
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? NormaliseAuto(string? logo) =>
        string.Equals(logo, CardImages.Auto, StringComparison.OrdinalIgnoreCase) ? CardImages.Auto : logo;

    // "#ABC", "abc" and "#abc" draw the same card, so they share one ETag.
    private static string? NormaliseAccent(string? accent) =>
        accent is not null && CardColors.TryParse(accent, out _) ? "#" + accent.TrimStart('#').ToLowerInvariant() : accent;

    private static CardFormat ParseFormat(string? format, Dictionary<string, string[]> errors)
    {
        switch (Blank(format)?.ToLowerInvariant())
        {
            case null or "png":
                return CardFormat.Png;
            case "jpeg" or "jpg":
                return CardFormat.Jpeg;
            case "webp":
                return CardFormat.Webp;
            default:
                errors["format"] = [$"Unknown format '{format}'; use png, jpeg or webp."];
                return CardFormat.Png;
        }
    }

    private static (int Width, int Height) ParseSize(CardFields fields, Dictionary<string, string[]> errors)
    {
        if (Blank(fields.Size) is not { } size)
        {
            return (fields.Width ?? CardLimits.DefaultWidth, fields.Height ?? CardLimits.DefaultHeight);
        }

        if (fields.Width is not null || fields.Height is not null)
        {
            errors["size"] = ["Give either size or width/height, not both."];
            return (CardLimits.DefaultWidth, CardLimits.DefaultHeight);
        }

        if (CardLimits.Presets.TryGetValue(size, out var preset))
        {
            return preset;
        }

        var parts = size.Split('x', 'X');
        if (parts.Length == 2 && TryParseInt(parts[0], out var w) && TryParseInt(parts[1], out var h))
        {
            return (w, h);
        }

        errors["size"] = [$"'{size}' is not a size; use WIDTHxHEIGHT or a preset: {string.Join(", ", CardLimits.Presets.Keys)}."];
        return (CardLimits.DefaultWidth, CardLimits.DefaultHeight);
    }

    /// <summary>Parses a whole number the way every card field does: digits only, invariant culture.</summary>
    public static bool TryParseInt(string value, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result);
}
