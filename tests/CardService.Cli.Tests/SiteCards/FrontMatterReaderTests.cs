using System.Text;
using CardService.Cli.SiteCards;

namespace CardService.Cli.Tests.SiteCards;

public class FrontMatterReaderTests
{
    private static FrontMatterResult Read(string text) => FrontMatterReader.Read(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Read_TabAfterListItems_IsAcceptedAsLibyamlDoes()
    {
        var result = Read("---\r\ntitle : Status\r\ntags:\r\n- homelab\r\n\r\n- raspberry-pi\t\r\n- monitoring\t\r\n---\r\nBody\r\n");

        Assert.Null(result.Error);
        Assert.Equal(["homelab", "raspberry-pi", "monitoring"], (List<object?>)result.FrontMatter!.Values["tags"]!);
        Assert.Equal("\r\n", result.FrontMatter.NewLine);
    }

    [Fact]
    public void Read_ScalarsComeBackAsWritten()
    {
        var result = Read("---\n\nlayout : post\ndate: '2025-09-30 00:00:00'\npublished: false\nimage:\n  path: /seo/x.png\n---\n");

        var values = result.FrontMatter!.Values;
        Assert.Equal("post", values["layout"]);
        Assert.Equal("2025-09-30 00:00:00", values["date"]);
        Assert.Equal("false", values["published"]);
        Assert.Equal("/seo/x.png", ((IReadOnlyDictionary<string, object?>)values["image"]!)["path"]);
    }

    [Fact]
    public void Read_BomAndClosingFence_OffsetCountsBytes()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFF---\ntitle: Ünïcode — ok\n---\nBody");

        var result = FrontMatterReader.Read(bytes);

        var offset = result.FrontMatter!.ClosingFenceOffset;
        Assert.Equal("---\nBody", Encoding.UTF8.GetString(bytes, offset, bytes.Length - offset));
    }

    [Fact]
    public void Read_BadYaml_GivesTheFileLine()
    {
        var result = Read("---\ntitle: ok\ncategory: a\n  oops: b: c\n---\n");

        Assert.Null(result.FrontMatter);
        Assert.Equal(4, result.Line);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void Read_Toml_ReadsValuesAndDates()
    {
        var result = Read("+++\ntitle = 'T'\ndate = 2024-05-06T10:00:00Z\ndraft = true\ncategories = ['a', 'b']\n+++\n");

        var values = result.FrontMatter!.Values;
        Assert.Equal(FrontMatterSyntax.Toml, result.FrontMatter.Syntax);
        Assert.Equal("T", values["title"]);
        Assert.StartsWith("2024-05-06", (string)values["date"]!, StringComparison.Ordinal);
        Assert.Equal("true", values["draft"]);
    }

    [Fact]
    public void Read_BadToml_GivesTheFileLine()
    {
        var result = Read("+++\ntitle = 'T'\ndate = = 3\n+++\n");

        Assert.Null(result.FrontMatter);
        Assert.Equal(3, result.Line);
    }

    [Fact]
    public void Read_NeverClosed_IsAnErrorOnLine1()
    {
        var result = Read("---\ntitle: x\n");

        Assert.Equal(1, result.Line);
        Assert.Contains("never closed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoFrontMatter_IsEmpty()
    {
        Assert.Equal(FrontMatterSyntax.None, Read("# Just Markdown\n").FrontMatter!.Syntax);
    }
}

public class FrontMatterWriterTests
{
    [Theory]
    [InlineData("---\r\ntitle: \"A\" # kept\r\n---\r\nBody\r\n", "---\r\ntitle: \"A\" # kept\r\nimage: \"/seo/a.png\"\r\nimage_alt: \"Say \\\"hi\\\"\"\r\n---\r\nBody\r\n")]
    [InlineData("+++\ntitle = 'A'\n+++\n", "+++\ntitle = 'A'\nimage = \"/seo/a.png\"\nimage_alt = \"Say \\\"hi\\\"\"\n+++\n")]
    public void WithImage_AddsTwoLinesAboveTheFenceInTheFilesLineEndings(string original, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(original);
        var frontMatter = FrontMatterReader.Read(bytes).FrontMatter!;

        var updated = FrontMatterWriter.WithImage(bytes, frontMatter, "/seo/a.png", "Say \"hi\"");

        Assert.Equal(expected, Encoding.UTF8.GetString(updated!));
        Assert.Equal("Say \"hi\"", FrontMatterReader.Read(updated!).FrontMatter!.Values["image_alt"]);
    }

    [Fact]
    public void WithImage_Bom_IsKept()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFF---\ntitle: A\n---\n");

        var updated = FrontMatterWriter.WithImage(bytes, FrontMatterReader.Read(bytes).FrontMatter!, "/seo/a.png", "A")!;

        Assert.Equal(bytes[..3], updated[..3]);
    }
}

public class GlobTests
{
    [Theory]
    [InlineData("_posts/**/*.{md,markdown,html}", "_posts/2021-01-01-a.md", true)]
    [InlineData("_posts/**/*.{md,markdown,html}", "_posts/2021/nested/b.markdown", true)]
    [InlineData("_posts/**/*.{md,markdown,html}", "_posts/c.txt", false)]
    [InlineData("_posts/**/*.{md,markdown,html}", "_drafts/a.md", false)]
    [InlineData("notes/*.md", "notes/deeper/a.md", false)]
    [InlineData("notes/?.md", "notes/a.md", true)]
    [InlineData("**/*.md", "a.md", true)]
    public void IsMatch_Patterns(string pattern, string path, bool expected) => Assert.Equal(expected, new Glob(pattern).IsMatch(path));
}

public class PostReaderTests
{
    [Theory]
    [InlineData("2025-01-09", 2025, 1, 9)]
    [InlineData("'2025-09-16'", 2025, 9, 16)]
    [InlineData("2025-09-30 00:00:00", 2025, 9, 30)]
    [InlineData("2026-07-07 09:00:00 -0500", 2026, 7, 7)]
    [InlineData("2025-02-21 ", 2025, 2, 21)]
    public void ParseDate_TheCorpusForms(string written, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), PostReader.ParseDate(written));

    [Fact]
    public void Read_CategoryFallsBackToCategoriesThenTags_DateToTheFileName()
    {
        var site = new Site("/site", SiteGenerator.Jekyll, "/site", [], new SiteInfo("Blog", null, "https://blog.example", "Ada", null));
        var bytes = Encoding.UTF8.GetBytes("---\ntitle: T\ncategories: first second\ntags: [x]\nsubtitle: S\n---\n");

        var (post, skip, problem) = PostReader.Read(site, "_posts/2024-02-03-my-slug.md", bytes, "yyyy-MM-dd");

        Assert.Equal(PostSkip.None, skip);
        Assert.Null(problem);
        Assert.Equal(("first", "S", "Ada", "Blog", "2024-02-03"), (post!.Fields.Category, post.Fields.Description, post.Fields.Author, post.Fields.SiteName, post.Fields.Date));
        Assert.Equal("my-slug", post.Slug);
    }

    [Theory]
    [InlineData("card: false", PostSkip.OptedOut)]
    [InlineData("card: no", PostSkip.OptedOut)]
    [InlineData("card: {theme: light}", PostSkip.None)]
    [InlineData("card: true", PostSkip.None)]
    [InlineData("published: false\ncard: false", PostSkip.Unpublished)]
    public void Read_CardFlag_OptsThePostOut(string frontMatter, PostSkip expected)
    {
        var site = new Site("/site", SiteGenerator.Jekyll, "/site", [], SiteInfo.None);
        var bytes = Encoding.UTF8.GetBytes($"---\ntitle: T\n{frontMatter}\n---\n");

        var (post, skip, problem) = PostReader.Read(site, "_posts/2024-02-03-my-slug.md", bytes, "yyyy-MM-dd");

        Assert.Equal(expected, skip);
        Assert.Null(problem);
        Assert.Equal(expected == PostSkip.None, post is not null);
    }
}
