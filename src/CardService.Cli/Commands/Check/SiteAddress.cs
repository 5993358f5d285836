using System.Text.RegularExpressions;

namespace CardService.Cli.Commands.Check;

/// <summary>
/// Where a built site is served, read from the generator's configuration beside it: Jekyll's <c>_config.yml</c>
/// (<c>url</c> + <c>baseurl</c>), Hugo's <c>hugo.toml</c>/<c>config.toml</c>/<c>hugo.yaml</c>/<c>config.yaml</c> (<c>baseURL</c>).
/// Only these top-level keys are needed, so a line match is enough and a config that strict YAML rejects still works.
/// </summary>
internal static partial class SiteAddress
{
    private static readonly string[] ConfigFiles = ["_config.yml", "_config.yaml", "hugo.toml", "config.toml", "hugo.yaml", "config.yaml"];

    /// <summary>The site's address and the config file it came from; null when no config beside <paramref name="builtDir"/> names one.</summary>
    public static (Uri Url, string From)? Find(string builtDir)
    {
        // The built folder (_site, public) sits inside the site's source, whose config names the address.
        foreach (var dir in new[] { builtDir, Path.GetDirectoryName(Path.GetFullPath(builtDir).TrimEnd(Path.DirectorySeparatorChar)) })
        {
            if (dir is null)
            {
                continue;
            }

            foreach (var name in ConfigFiles)
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path) && Read(File.ReadAllText(path)) is { } url)
                {
                    return (url, path);
                }
            }
        }

        return null;
    }

    /// <summary>The absolute http(s) site address a config's text names (Jekyll's url plus baseurl, or Hugo's baseURL); null when none.</summary>
    public static Uri? Read(string config)
    {
        var url = JekyllUrl().Match(config) is { Success: true } jekyll
            ? jekyll.Groups["value"].Value.TrimEnd('/') + "/" + (JekyllBaseUrl().Match(config) is { Success: true } b ? b.Groups["value"].Value.Trim('/') : string.Empty)
            : HugoBaseUrl().Match(config) is { Success: true } hugo ? hugo.Groups["value"].Value : null;
        return Parse(url);
    }

    /// <summary>An absolute http(s) URL ending in a slash, so page paths resolve under it; null when <paramref name="url"/> is not one.</summary>
    public static Uri? Parse(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            ? new Uri(parsed.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/")
            : null;

    [GeneratedRegex("""^url:[ \t]*["']?(?<value>[^"'#\s]+)""", RegexOptions.Multiline)]
    private static partial Regex JekyllUrl();

    [GeneratedRegex("""^baseurl:[ \t]*["']?(?<value>[^"'#\s]*)""", RegexOptions.Multiline)]
    private static partial Regex JekyllBaseUrl();

    [GeneratedRegex("""^baseURL[ \t]*[:=][ \t]*["']?(?<value>[^"'#\s]+)""", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex HugoBaseUrl();
}
