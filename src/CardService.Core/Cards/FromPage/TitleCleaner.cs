namespace CardService.Core.Cards.FromPage;

/// <summary>
/// Turns a page's <c>&lt;title&gt;</c> into a card title by removing the site's name where the page
/// wrote it as a prefix or suffix (<c>Post | Site</c>, <c>Site - Post</c>, <c>Post – Site</c>).
/// </summary>
public static class TitleCleaner
{
    // Separators sites put between a post's title and their own name, most common first.
    private static readonly string[] Separators = [" | ", " – ", " — ", " - ", " · ", " • ", " :: ", " » ", " / ", ": "];

    /// <summary>
    /// Removes the site's name from <paramref name="title"/>. The name is recognised when it equals
    /// <paramref name="siteName"/> or looks like <paramref name="host"/> (e.g. <c>blog.example.dev</c> or
    /// <c>Example</c> for <c>www.example.com</c>). A title that is only the site's name is kept.
    /// </summary>
    public static string StripSiteName(string title, string? siteName, string? host)
    {
        ArgumentNullException.ThrowIfNull(title);
        var trimmed = title.Trim();
        foreach (var separator in Separators)
        {
            // Suffix: the site's name is the last part ("Post | Site"), so split at the last separator.
            var last = trimmed.LastIndexOf(separator, StringComparison.Ordinal);
            if (last > 0 && IsSiteName(trimmed[(last + separator.Length)..], siteName, host))
            {
                return trimmed[..last].TrimEnd();
            }

            // Prefix: "Site - Post", split at the first separator.
            var first = trimmed.IndexOf(separator, StringComparison.Ordinal);
            if (first > 0 && first + separator.Length < trimmed.Length && IsSiteName(trimmed[..first], siteName, host))
            {
                return trimmed[(first + separator.Length)..].TrimStart();
            }
        }

        return trimmed;
    }

    // Host labels that name no site.
    private static readonly HashSet<string> GenericLabels = new(StringComparer.OrdinalIgnoreCase) { "www", "blog", "news", "com", "org", "net" };

    private static bool IsSiteName(string candidate, string? siteName, string? host)
    {
        var part = candidate.Trim();
        if (part.Length == 0)
        {
            return false;
        }

        if (siteName is { Length: > 0 } && string.Equals(Squash(part), Squash(siteName), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (host is not { Length: > 0 })
        {
            return false;
        }

        // "blog.michaellamb.dev" is named "Michael Lamb", "michaellamb.dev" or "blog.michaellamb.dev".
        var squashed = Squash(part);
        var labels = host.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var names = labels.SkipLast(1).Where(label => label.Length >= 3 && !GenericLabels.Contains(label))
            .Append(host)
            .Append(string.Join('.', labels.TakeLast(2)));
        return names.Any(name => string.Equals(squashed, Squash(name), StringComparison.OrdinalIgnoreCase));
    }

    // "Michael Lamb" matches "michaellamb", "Example.com" matches "example.com": compare letters and digits only.
    private static string Squash(string value) => string.Concat(value.Where(char.IsLetterOrDigit));
}
