using System.Collections.Immutable;

namespace CardService.Cli.SiteCards;

/// <summary>The static site generators <c>cardservice cards</c> knows.</summary>
public enum SiteGenerator
{
    Jekyll,
    Hugo,
    Eleventy,

    /// <summary>A folder of Markdown named by <c>--glob</c>.</summary>
    Plain,
}

/// <summary>What a site's configuration says about the whole site; any of it may be missing.</summary>
public sealed record SiteInfo(string? Title, string? Description, string? Url, string? Author, string? DefaultImage)
{
    public static readonly SiteInfo None = new(null, null, null, null, null);

    /// <summary>The name shown in a card's footer: the site's title, else its host.</summary>
    public string? Name => Title ?? (Uri.TryCreate(Url, UriKind.Absolute, out var url) ? url.Host : null);
}

/// <summary>
/// A site: its generator, where its posts are and the folder its URLs start from (<see cref="WebRoot"/>: the site root
/// for Jekyll and Eleventy, <c>static/</c> for Hugo, so <c>/seo/x.png</c> is <c>static/seo/x.png</c> there).
/// </summary>
public sealed record Site(string Root, SiteGenerator Generator, string WebRoot, ImmutableArray<Glob> Posts, SiteInfo Info)
{
    /// <summary>Folders never searched for posts: build output and dependencies.</summary>
    public static readonly IReadOnlySet<string> SkippedFolders = new HashSet<string>(StringComparer.Ordinal) { "node_modules", "_site", "public", "vendor", "resources" };

    /// <summary>The file for a site-relative path (<c>/seo/x.png</c> or <c>seo/x.png</c>), or null when it would leave the site root.</summary>
    public string? FileFor(string webPath)
    {
        var full = Path.GetFullPath(Path.Combine(WebRoot, webPath.Replace('\\', '/').TrimStart('/')));
        var root = Path.TrimEndingDirectorySeparator(Root) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>A file's path relative to the site root, with <c>/</c>, as reports show it.</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    /// <summary>Whether a post file is a page that lists others rather than a post (Hugo's <c>_index.md</c>).</summary>
    public bool IsListPage(string relativePath) => Generator == SiteGenerator.Hugo && Path.GetFileNameWithoutExtension(relativePath) == "_index";
}

/// <summary>Finds which generator built a folder and reads its configuration.</summary>
public static class SiteReader
{
    private static readonly string[] JekyllConfigs = ["_config.yml", "_config.yaml"];
    private static readonly string[] HugoConfigs = ["hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "config.yml"];
    private static readonly string[] EleventyConfigs = [".eleventy.js", ".eleventy.cjs", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs"];

    /// <summary>The site in <paramref name="root"/>, or the problems that stop it being read (a configuration error).</summary>
    public static (Site? Site, ImmutableArray<CardProblem> Problems) Read(string root, IReadOnlyList<string> globs)
    {
        ArgumentNullException.ThrowIfNull(globs);
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root))
        {
            return (null, [CardProblem.Error(string.Empty, 0, "No such folder: give the site's root folder.")]);
        }

        var given = globs.Select(g => new Glob(g)).ToImmutableArray();
        var jekyllConfig = FirstExisting(root, JekyllConfigs);
        if (jekyllConfig is not null || Directory.Exists(Path.Combine(root, "_posts")))
        {
            var (info, problem) = jekyllConfig is null ? (SiteInfo.None, null) : ReadJekyllConfig(root, jekyllConfig);
            var posts = given.IsEmpty ? [new Glob("_posts/**/*.{md,markdown,html}")] : given;
            return problem is null ? (new Site(root, SiteGenerator.Jekyll, root, posts, info), []) : (null, [problem]);
        }

        if (FirstExisting(root, HugoConfigs) is { } hugoConfig && Directory.Exists(Path.Combine(root, "content")))
        {
            var (info, problem) = ReadHugoConfig(root, hugoConfig);
            var posts = given.IsEmpty ? [new Glob("content/**/*.{md,markdown,html}")] : given;
            return problem is null ? (new Site(root, SiteGenerator.Hugo, Path.Combine(root, "static"), posts, info), []) : (null, [problem]);
        }

        if (FirstExisting(root, EleventyConfigs) is not null)
        {
            return (new Site(root, SiteGenerator.Eleventy, root, given.IsEmpty ? [new Glob("**/*.md")] : given, SiteInfo.None), []);
        }

        if (!given.IsEmpty)
        {
            return (new Site(root, SiteGenerator.Plain, root, given, SiteInfo.None), []);
        }

        return (null, [CardProblem.Error(string.Empty, 0,
            "No Jekyll (_config.yml, _posts/), Hugo (hugo.toml and content/) or Eleventy (eleventy.config.js) site here; for plain Markdown name the posts with --glob 'posts/**/*.md'.")]);
    }

    private static string? FirstExisting(string root, string[] names) =>
        names.Select(n => Path.Combine(root, n)).FirstOrDefault(File.Exists);

    private static (SiteInfo Info, CardProblem? Problem) ReadJekyllConfig(string root, string path)
    {
        var (values, problem) = ReadConfig(root, path);
        return (values is null ? SiteInfo.None : new SiteInfo(
            Values.Text(values, "title") ?? Values.Text(values, "name"),
            Values.Text(values, "description"),
            Values.Text(values, "url"),
            Values.Name(values, "author"),
            Values.ImagePath(values, "image")), problem);
    }

    private static (SiteInfo Info, CardProblem? Problem) ReadHugoConfig(string root, string path)
    {
        var (values, problem) = ReadConfig(root, path);
        if (values is null)
        {
            return (SiteInfo.None, problem);
        }

        var parameters = values.TryGetValue("params", out var p) && p is IReadOnlyDictionary<string, object?> map ? map : new Dictionary<string, object?>();
        return (new SiteInfo(
            Values.Text(values, "title"),
            Values.Text(parameters, "description"),
            Values.Text(values, "baseURL") ?? Values.Text(values, "baseurl"),
            Values.Name(parameters, "author") ?? Values.Name(values, "author"),
            Values.First(parameters, "images")), null);
    }

    /// <summary>A YAML or TOML configuration file read as front matter is (so errors carry a line), or the problem.</summary>
    internal static (IReadOnlyDictionary<string, object?>? Values, CardProblem? Problem) ReadConfig(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, CardProblem.Error(relative, 0, $"Cannot read the file: {e.Message}"));
        }

        var fence = path.EndsWith(".toml", StringComparison.OrdinalIgnoreCase) ? "+++" : "---";
        var wrapped = $"{fence}\n{text}\n{fence}\n";
        var result = FrontMatterReader.Read(System.Text.Encoding.UTF8.GetBytes(wrapped));

        // The wrapper adds one line above the file's first.
        return result.FrontMatter is { } frontMatter
            ? (frontMatter.Values, null)
            : (null, CardProblem.Error(relative, Math.Max(1, result.Line - 1), result.Error!));
    }

}
