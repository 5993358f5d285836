namespace CardService.Core.Meta;

/// <summary>
/// The two parts of a <c>&lt;title&gt;</c> that names its site as well as its post (<c>Post | Site</c>,
/// <c>Site - Post</c>, <c>Post – Site</c>), and how to tell which part is the site.
/// </summary>
internal static class TitleParts
{
    // Separators sites put between a post's title and their own name, most common first.
    private static readonly string[] Separators = [" | ", " – ", " — ", " - ", " · ", " • ", " :: ", " » ", " / ", ": "];

    /// <summary>Each way to read the title as post and site: split at the last separator (site suffix), then the first (site prefix).</summary>
    public static IEnumerable<(string Post, string Site)> Splits(string title)
    {
        var trimmed = title.Trim();
        foreach (var separator in Separators)
        {
            var last = trimmed.LastIndexOf(separator, StringComparison.Ordinal);
            if (last > 0)
            {
                yield return (trimmed[..last].TrimEnd(), trimmed[(last + separator.Length)..].Trim());
            }

            var first = trimmed.IndexOf(separator, StringComparison.Ordinal);
            if (first > 0 && first + separator.Length < trimmed.Length)
            {
                yield return (trimmed[(first + separator.Length)..].TrimStart(), trimmed[..first].Trim());
            }
        }
    }

    /// <summary>
    /// The site's name in <paramref name="title"/>: the part beside the post's own title (<paramref name="postTitle"/>, from
    /// <c>og:title</c> and the like), else beside the part the URL's last path segment spells (<c>/the-winds-of-change</c>, several words),
    /// else the part that looks like the URL's host. Null when none is found.
    /// </summary>
    public static string? SiteName(string title, string? postTitle, Uri pageUrl)
    {
        var splits = Splits(title).Where(s => s.Site.Length > 0 && s.Post.Length > 0).ToList();
        // A slug of several words spells the post; one word ("/xkcd", "/about") may as well be the site.
        var slug = Path.GetFileNameWithoutExtension(pageUrl.AbsolutePath.TrimEnd('/'));
        slug = slug.Contains('-', StringComparison.Ordinal) || slug.Contains('_', StringComparison.Ordinal) ? slug : null;
        foreach (var post in new[] { postTitle, slug }.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            if (splits.FirstOrDefault(s => SameWords(s.Post, post!)) is { Site.Length: > 0 } beside)
            {
                return beside.Site;
            }
        }

        return splits.FirstOrDefault(s => NamesHost(s.Site, pageUrl.Host)).Site is { Length: > 0 } named ? named : null;
    }

    /// <summary>Whether <paramref name="candidate"/> equals <paramref name="siteName"/> or looks like <paramref name="host"/>.</summary>
    public static bool IsSiteName(string candidate, string? siteName, string? host)
    {
        var part = candidate.Trim();
        if (part.Length == 0)
        {
            return false;
        }

        return (siteName is { Length: > 0 } && string.Equals(Squash(part), Squash(siteName), StringComparison.OrdinalIgnoreCase))
            || NamesHost(part, host);
    }

    // Host labels that name no site.
    private static readonly HashSet<string> GenericLabels = new(StringComparer.OrdinalIgnoreCase) { "www", "blog", "news", "com", "org", "net" };

    // "blog.michaellamb.dev" is named "Michael Lamb", "michaellamb.dev" or "blog.michaellamb.dev".
    private static bool NamesHost(string part, string? host)
    {
        if (host is not { Length: > 0 } || part.Trim().Length == 0)
        {
            return false;
        }

        var squashed = Squash(part);
        var labels = host.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var names = labels.SkipLast(1).Where(label => label.Length >= 3 && !GenericLabels.Contains(label))
            .Append(host)
            .Append(string.Join('.', labels.TakeLast(2)));
        return names.Any(name => string.Equals(squashed, Squash(name), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The same words, ignoring case, punctuation and spacing.</summary>
    public static bool SameWords(string a, string b) => string.Equals(Squash(a), Squash(b), StringComparison.OrdinalIgnoreCase);

    // "Michael Lamb" matches "michaellamb", "Example.com" matches "example.com": compare letters and digits only.
    private static string Squash(string value) => string.Concat(value.Where(char.IsLetterOrDigit));
}
