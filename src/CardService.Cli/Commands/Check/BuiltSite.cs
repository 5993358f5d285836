using CardService.Core.Fetching;
using CardService.Core.Validation;

namespace CardService.Cli.Commands.Check;

/// <summary>
/// A generator's output folder (Jekyll's <c>_site</c>, Hugo's <c>public</c>) and the address it is served at: which page file
/// has which URL, and what a static host would answer for an image URL on the site's own host, read from the files.
/// </summary>
internal sealed class BuiltSite
{
    private static readonly int HeaderBytes = new FetchOptions().MaxProbeBytes;

    private readonly string _root;

    public BuiltSite(string root, Uri baseUrl)
    {
        _root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Every HTML page under the folder, as paths relative to it with '/' separators, in ordinal order.</summary>
    public IReadOnlyList<string> PagePaths() =>
    [
        .. Directory.EnumerateFiles(_root, "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal),
    ];

    public string FullPath(string pagePath) => Path.Combine(_root, pagePath);

    /// <summary>The URL a static host serves <paramref name="pagePath"/> at: <c>a/index.html</c> is <c>a/</c>.</summary>
    public Uri UrlOf(string pagePath)
    {
        var path = pagePath == "index.html" ? string.Empty
            : pagePath.EndsWith("/index.html", StringComparison.Ordinal) ? pagePath[..^"index.html".Length]
            : pagePath;
        return new Uri(BaseUrl, string.Join('/', path.Split('/').Select(Uri.EscapeDataString)));
    }

    /// <summary>
    /// What a static host would answer for <paramref name="url"/> when it is on the site's own host: 404 for a missing file,
    /// else 200 with the type its extension gives, its length, and the format and pixel size its header says.
    /// Null for any other URL (it is probed over the network only when asked to).
    /// </summary>
    public ImageFacts? ImageAt(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!string.Equals(url.Host, BaseUrl.Host, StringComparison.OrdinalIgnoreCase)
            || !url.AbsolutePath.StartsWith(BaseUrl.AbsolutePath, StringComparison.Ordinal))
        {
            return null;
        }

        var relative = Uri.UnescapeDataString(url.AbsolutePath[BaseUrl.AbsolutePath.Length..]);
        var file = Path.GetFullPath(Path.Combine(_root, relative));
        // A path that climbs out of the folder is not the site's file: not found, never read.
        if (!file.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(file))
        {
            return new ImageFacts(url, 404, null, null, null, null, null, null);
        }

        using var stream = File.OpenRead(file);
        var header = new byte[(int)Math.Min(HeaderBytes, stream.Length)];
        stream.ReadExactly(header);
        var info = ImageHeader.Read(header);
        return new ImageFacts(url, 200, ContentTypeOf(file), stream.Length, info.Width, info.Height, info.Format, null);
    }

    // What static hosts (Kestrel's static files, GitHub Pages, nginx) send for image extensions.
    private static string ContentTypeOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".svg" => "image/svg+xml",
        ".avif" => "image/avif",
        ".ico" => "image/x-icon",
        ".bmp" => "image/bmp",
        _ => "application/octet-stream",
    };
}
