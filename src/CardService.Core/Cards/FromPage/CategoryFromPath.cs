namespace CardService.Core.Cards.FromPage;

/// <summary>Finds a category in a post's URL path, the last place a card looks for one.</summary>
public static class CategoryFromPath
{
    private static readonly HashSet<string> CategoryMarkers = new(StringComparer.OrdinalIgnoreCase)
    {
        "category", "categories", "section", "topic", "topics",
    };

    /// <summary>
    /// <c>/category/devops/post</c> gives <c>devops</c>; Jekyll's <c>/:categories/:year/:month/:day/:title</c>
    /// gives the segments before the year (<c>/cluster-computing/2021/03/25/x.html</c> gives <c>cluster-computing</c>).
    /// Returns null when the path names none.
    /// </summary>
    public static string? Find(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Uri.UnescapeDataString)
            .ToArray();

        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (CategoryMarkers.Contains(segments[i]))
            {
                return Humanise(segments[i + 1]);
            }
        }

        var year = Array.FindIndex(segments, IsYear);
        return year > 0 && !IsYear(segments[year - 1]) ? Humanise(segments[year - 1]) : null;
    }

    private static bool IsYear(string segment) =>
        segment.Length == 4 && segment.All(char.IsAsciiDigit) && segment[0] is '1' or '2';

    // "machine-intelligence" reads as "machine intelligence"; the card upper-cases it anyway.
    private static string Humanise(string segment) => segment.Replace('-', ' ').Replace('_', ' ').Trim();
}
