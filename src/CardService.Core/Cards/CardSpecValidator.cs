using System.Globalization;
using CardService.Core.Fetching;

namespace CardService.Core.Cards;

/// <summary>Checks a <see cref="CardSpec"/> before rendering; every problem is reported at once, keyed by field.</summary>
public static class CardSpecValidator
{
    /// <summary>Returns field name (camelCase, as the API spells it) → problems; empty when the spec is valid.</summary>
    /// <param name="spec">The spec to check.</param>
    /// <param name="limits">Image limits; the defaults when null.</param>
    public static IReadOnlyDictionary<string, string[]> Validate(CardSpec spec, CardRenderingOptions? limits = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        if (string.IsNullOrWhiteSpace(spec.Title))
        {
            errors["title"] = ["A title is required."];
        }
        else if (CardText.TooLong("title", spec.Title, CardLimits.MaxTitleLength) is { } tooLong)
        {
            errors["title"] = [tooLong];
        }

        CheckLength(errors, "category", spec.Category);
        CheckLength(errors, "description", spec.Description);
        CheckLength(errors, "siteName", spec.SiteName);
        CheckLength(errors, "author", spec.Author);
        CheckLength(errors, "date", spec.Date);

        if (!CardThemes.TryGet(spec.Theme, out _))
        {
            errors["theme"] = [$"Unknown theme '{spec.Theme}'. Known themes: {string.Join(", ", CardThemes.Names)}."];
        }

        if (!CardTemplates.TryGet(spec.Template, out _))
        {
            errors["template"] = [$"Unknown template '{spec.Template}'. Known templates: {string.Join(", ", CardTemplates.Names)}."];
        }

        if (spec.Accent is not null && !CardColors.TryParse(spec.Accent, out _))
        {
            errors["accent"] = [$"'{spec.Accent}' is not a colour; use #rgb or #rrggbb."];
        }

        if (!Enum.IsDefined(spec.Format))
        {
            errors["format"] = [$"Unknown format; use png, jpeg or webp."];
        }

        CheckImage(errors, "logo", spec.Logo, allowAuto: true, limits);
        CheckImage(errors, "background", spec.Background, allowAuto: false, limits);
        CheckSide(errors, "width", spec.Width);
        CheckSide(errors, "height", spec.Height);
        return errors;
    }

    private static void CheckLength(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (value is not null && CardText.TooLong(field, value, CardLimits.MaxTextFieldLength) is { } tooLong)
        {
            errors[field] = [tooLong];
        }
    }

    private static void CheckImage(Dictionary<string, string[]> errors, string field, string? value, bool allowAuto, CardRenderingOptions? limits)
    {
        if (value is null || CardImages.IsRemote(value) || (allowAuto && value == CardImages.Auto))
        {
            // A URL is checked when it is fetched; auto when the page's icons are known.
            return;
        }

        if (value.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
        {
            errors[field] = [$"The {field} URL cannot be fetched: {WebUrl.Problem(value) ?? $"it is longer than {CardImages.MaxUrlLength} characters."}"];
        }
        else if (!value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var forms = allowAuto ? "a data: URI, an http(s) URL or auto" : "a data: URI or an http(s) URL";
            errors[field] = [$"The {field} must be {forms}; got '{WebUrl.Shorten(value)}'."];
        }
        else if (CardImages.Check(value, limits) is { } problem)
        {
            errors[field] = [$"The {field} cannot be used: {problem}"];
        }
    }

    private static void CheckSide(Dictionary<string, string[]> errors, string field, int value)
    {
        if (value is < CardLimits.MinSide or > CardLimits.MaxSide)
        {
            errors[field] = [string.Create(CultureInfo.InvariantCulture,
                $"The {field} is {value} px; it must be between {CardLimits.MinSide} and {CardLimits.MaxSide}.")];
        }
    }
}
