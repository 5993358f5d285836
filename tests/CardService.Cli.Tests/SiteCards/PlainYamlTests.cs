using CardService.Cli.SiteCards;
using CardService.Cli.Tests.Commands.Check.Support;
using YamlDotNet.Core;

namespace CardService.Cli.Tests.SiteCards;

/// <summary>
/// The plain YAML reader against YamlDotNet, the reader it stands in for: whenever it answers, the values are the same;
/// whatever it declines goes to YamlDotNet. The corpus blog's front matter and configuration are the main evidence.
/// </summary>
public class PlainYamlTests
{
    public static TheoryData<string> Plain() =>
    [
        "title: Hello\nlayout: post\n",
        "layout : post\ntitle : Hello, world!\nimage : \"/seo/hello-world.png\"\n",
        "tags:\n- a\n- b\ncategory: x\n",
        "tags:\n  - a\n  - 'b c'\n  - \"d\"\n",
        "date: 2025-02-21 \ntitle: 'It''s here'\n",
        "title: C# tips # a comment\n# a whole comment line\n\nnote: ~\nempty:\nnothing: null\nquoted: ''\n",
        "image:\n  path: /seo/x.png\n  alt: The card\ncard:\n  theme: light\n  nested:\n    deeper: yes\n",
        "favicon:\n  enabled: true\n  local:\n    enabled: true\n    partial_url: /img/favicon.png\nexclude:\n  - README.md\n  - vendor/bundle/\n",
        "url: 'https://blog.example'\nlink: https://example.com/a:b\ntitle: in the middle [brackets], {too}\n",
        "dotted.key: 1\nunder_score: 2\nwith-dash: 3\n",
        "title: \"a 'quoted' word\"   # trailing comment\n",
        "redirect_from:\n- /2021/03/hello-world.html\n\nempty_list_then:\n",
        "",
        "# only a comment\n",
        "tags:\n- homelab\n- raspberry-pi\t\ntitle: x \t\n", // trailing tabs, as libyaml reads them
    ];

    /// <summary>Valid YAML the plain reader leaves to YamlDotNet.</summary>
    public static TheoryData<string> Declined() =>
    [
        "title: \"escaped \\\" quote\"\n",
        "tags: [a, b]\n",
        "card: {theme: light}\n",
        "description: >\n  folded\n  text\n",
        "title: first line\n  continued\n",
        "anchor: &a x\nalias: *a\n",
        "items:\n- key: value\n  other: 2\n",
        "  indented: root\n",
        "title: -5\nother: ?x\n",
        "tags:\n- homelab\n- in\tside\n", // a tab inside a line
    ];

    [Theory]
    [MemberData(nameof(Plain))]
    public void TryRead_PlainDocument_GivesWhatYamlDotNetGives(string text)
    {
        var plain = PlainYaml.TryRead(text);

        Assert.NotNull(plain);
        Assert.Equal(Normalise(YamlDotNetReading(text)), Normalise(plain));
    }

    [Theory]
    [MemberData(nameof(Declined))]
    public void TryRead_OtherYaml_IsDeclinedAndYamlDotNetReadsIt(string text)
    {
        Assert.Null(PlainYaml.TryRead(text));
        Assert.NotNull(FrontMatterReader.LoadYaml(text));
    }

    [Theory]
    [InlineData("title: ok\ntitle: again\n")] // duplicate key
    [InlineData("title: a: b\n")] // a mapping inside a plain value
    [InlineData("title: ok\n  oops: b\n")] // deeper line under a key with a value
    [InlineData("title: 'never closed\n")]
    [InlineData("title: \"x\" tail\n")]
    [InlineData("- a list\n- at the root\n")]

    public void TryRead_TextYamlRejects_IsDeclinedSoYamlDotNetReportsTheLine(string text)
    {
        Assert.Null(PlainYaml.TryRead(text));
        Assert.ThrowsAny<YamlException>(() => FrontMatterReader.LoadYamlWithYamlDotNet(text));
    }

    [Fact]
    public void TryRead_CorpusBlog_ReadsEveryPostAsYamlDotNetDoes()
    {
        var blog = JekyllBlog.CorpusDirectory();
        var read = 0;
        var posts = Directory.GetFiles(Path.Combine(blog, "_posts"), "*.*", SearchOption.AllDirectories);
        foreach (var post in posts)
        {
            var body = FrontMatterBody(File.ReadAllText(post));
            if (PlainYaml.TryRead(body) is { } plain)
            {
                Assert.Equal(Normalise(YamlDotNetReading(body)), Normalise(plain));
                read++;
            }
        }

        var config = File.ReadAllText(Path.Combine(blog, "_config.yml"));
        Assert.Equal(Normalise(FrontMatterReader.LoadYamlWithYamlDotNet(config)), Normalise(PlainYaml.TryRead(config)!));
        // Every post, the one with tabs after its tags (corpus README) too: none pays for YamlDotNet.
        Assert.Equal(posts.Length, read);
    }

    // What FrontMatterReader gave before the plain reader: YamlDotNet, and on its error the same text with trailing tabs as spaces.
    private static IReadOnlyDictionary<string, object?> YamlDotNetReading(string text)
    {
        try
        {
            return FrontMatterReader.LoadYamlWithYamlDotNet(text);
        }
        catch (YamlException)
        {
            return FrontMatterReader.LoadYamlWithYamlDotNet(FrontMatterReader.TrailingTabsToSpaces(text));
        }
    }

    private static string FrontMatterBody(string text)
    {
        var lines = text.Split('\n');
        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
        return string.Join('\n', lines[1..close]);
    }

    // Values as comparable text: maps with sorted keys, lists in order, null as a marker.
    private static string Normalise(object? value) => value switch
    {
        null => "<null>",
        string text => "\"" + text + "\"",
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ": " + Normalise(p.Value))) + "}",
        IEnumerable<object?> list => "[" + string.Join(", ", list.Select(Normalise)) + "]",
        _ => throw new InvalidOperationException(value.GetType().Name),
    };
}
