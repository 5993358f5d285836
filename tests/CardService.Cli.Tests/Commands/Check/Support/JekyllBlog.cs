using System.Text.RegularExpressions;
using CardService.Core.Tests.Support;

namespace CardService.Cli.Tests.Commands.Check.Support;

/// <summary>
/// A temp copy of <c>../shared/corpus/jekyll-blog</c> made buildable with Debian's Jekyll: <c>jekyll-admin</c> (not packaged)
/// dropped from <c>_config.yml</c>, <c>url</c> pointed at a test server, and a minimal layout whose head is <c>{% seo %}</c>
/// and two icon links (<c>/favicon.png</c>, <c>/apple-touch-icon.png</c>; the blog has neither file until a test puts them there).
/// </summary>
public static partial class JekyllBlog
{
    private const string DefaultLayout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        {% seo %}
        <link rel="icon" type="image/png" href="/favicon.png">
        <link rel="apple-touch-icon" href="/apple-touch-icon.png">
        </head>
        <body>
        {{ content }}
        </body>
        </html>

        """;

    private const string PostLayout = """
        ---
        layout: default
        ---
        {{ content }}

        """;

    /// <summary>The corpus blog; throws naming where it looked when the corpus is absent (the test fails, never skips).</summary>
    public static string CorpusDirectory()
    {
        var blog = Path.GetFullPath(Path.Combine(SourceTree.Root, "..", "shared", "corpus", "jekyll-blog"));
        if (!Directory.Exists(blog))
        {
            throw new DirectoryNotFoundException(
                $"The Jekyll corpus is missing: looked for '{blog}' (../shared/corpus/jekyll-blog beside the repository root). These tests need it.");
        }

        return blog;
    }

    /// <summary>Copies the corpus to <paramref name="target"/> and prepares it to build, with <paramref name="siteUrl"/> as its url when given.</summary>
    public static void PrepareCopy(string target, Uri? siteUrl)
    {
        TempFolder.Copy(CorpusDirectory(), target);
        var config = Path.Combine(target, "_config.yml");
        var text = File.ReadAllText(config);
        text = AdminPlugin().Replace(text, string.Empty);
        if (siteUrl is not null)
        {
            text = UrlLine().Replace(text, $"url: '{siteUrl.AbsoluteUri.TrimEnd('/')}'");
        }

        File.WriteAllText(config, text);
        Directory.CreateDirectory(Path.Combine(target, "_layouts"));
        File.WriteAllText(Path.Combine(target, "_layouts", "default.html"), DefaultLayout);
        File.WriteAllText(Path.Combine(target, "_layouts", "post.html"), PostLayout);
    }

    /// <summary>Every card path the posts name (the corpus's posts.tsv <c>image</c> column), with a leading slash, distinct.</summary>
    public static IReadOnlySet<string> CardPaths()
    {
        var lines = File.ReadAllLines(Path.Combine(CorpusDirectory(), "posts.tsv"));
        var image = Array.IndexOf(lines[0].Split('\t'), "image");
        return lines.Skip(1).Select(l => "/" + l.Split('\t')[image].TrimStart('/')).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>How many posts the corpus has.</summary>
    public static int PostCount() => File.ReadAllLines(Path.Combine(CorpusDirectory(), "posts.tsv")).Length - 1;

    public static Task BuildAsync(string site) => Generator.RunAsync("jekyll", site, "build", "--quiet");

    [GeneratedRegex(@"^\s*-\s*jekyll-admin\s*\n", RegexOptions.Multiline)]
    private static partial Regex AdminPlugin();

    [GeneratedRegex("^url:.*$", RegexOptions.Multiline)]
    private static partial Regex UrlLine();
}
