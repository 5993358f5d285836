using System.Globalization;
using System.Text.RegularExpressions;

namespace CardService.Core.Meta;

/// <summary>What an <c>&lt;img&gt;</c>'s own attributes say about it: a site's logo or a toolbar icon, not the post's picture.</summary>
internal static partial class ImageMarks
{
    // A picture drawn smaller than this (width or height, attribute or inline style) is an icon beside text, never a card image.
    private const int IconPixels = 48;

    /// <summary>Whether alt, class or id name a logo or icon ("淘宝网logo", "site-icon"), or the image is drawn icon-sized.</summary>
    public static bool IsChrome(Func<string, string?> attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        var words = string.Join(' ', attribute("alt"), attribute("class"), attribute("id")).ToLowerInvariant();
        return words.Contains("logo", StringComparison.Ordinal) || words.Contains("icon", StringComparison.Ordinal)
            || IsSmall(attribute("width")) || IsSmall(attribute("height"))
            || StyleSize().Matches(attribute("style") ?? string.Empty).Any(m => IsSmall(m.Groups["px"].Value));
    }

    private static bool IsSmall(string? pixels) =>
        int.TryParse(pixels?.Trim().TrimEnd('x').TrimEnd('p'), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value < IconPixels;

    [GeneratedRegex(@"(?:^|[;\s])(?:width|height)\s*:\s*(?<px>\d+)px", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StyleSize();
}
