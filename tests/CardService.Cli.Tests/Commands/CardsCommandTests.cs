using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CardService.Cli.Tests.Support;
using SkiaSharp;

namespace CardService.Cli.Tests.Commands;

/// <summary>
/// <c>cardservice cards</c> as a build step runs it: the built tool, a real process, on a temp copy of the real Jekyll
/// blog in ../shared/corpus (85 posts) or on small sites made here.
/// </summary>
public sealed class CardsCommandTests : IDisposable
{
    private const int CorpusPosts = 85;

    // 83 posts name their own card and 2 share /seo/default.png (the site's default image): 84 files.
    private const int CorpusCards = 84;

    private readonly List<DirectoryInfo> _sites = [];

    public void Dispose() => _sites.ForEach(s => s.Delete(recursive: true));

    private string Blog()
    {
        var copy = Corpus.CopyJekyllBlog();
        _sites.Add(copy);
        return copy.FullName;
    }

    private string EmptySite()
    {
        var site = Directory.CreateTempSubdirectory("cardservice-site-");
        _sites.Add(site);
        return site.FullName;
    }

    /// <summary>A made Jekyll site: <c>_posts/</c> with the given posts (file name, text).</summary>
    private string JekyllSite(params (string Name, string Text)[] posts)
    {
        var site = EmptySite();
        Directory.CreateDirectory(Path.Combine(site, "_posts"));
        foreach (var (name, text) in posts)
        {
            File.WriteAllText(Path.Combine(site, "_posts", name), text);
        }

        return site;
    }

    private static (int Width, int Height, SKEncodedImageFormat Format) Inspect(string path)
    {
        using var codec = SKCodec.Create(path);
        Assert.True(codec is not null, $"{path} is not an image");
        return (codec.Info.Width, codec.Info.Height, codec.EncodedFormat);
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static Dictionary<string, string> Hashes(string site) =>
        Directory.GetFiles(Path.Combine(site, "seo")).ToDictionary(f => Path.GetFileName(f), Sha, StringComparer.Ordinal);

    private static List<string> Made(ToolRun run) =>
        [.. run.Stdout.Split('\n').Where(l => l.StartsWith("made ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1])];

    [Fact]
    public async Task Cards_CorpusBlog_EveryPostGetsA1200x630CardAtThePathItsFrontMatterNames()
    {
        var site = Blog();

        var run = await Tool.RunAsync(site, "cards", ".");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(string.Empty, run.Stderr);
        var images = Corpus.ImagesByPost();
        Assert.Equal(CorpusPosts, images.Count);
        foreach (var (post, image) in images)
        {
            var card = Path.Combine(site, image.TrimStart('/'));
            Assert.True(File.Exists(card), $"{post} names {image}, which was not made");
            Assert.Equal((1200, 630, SKEncodedImageFormat.Png), Inspect(card));
        }

        Assert.Equal(CorpusCards, images.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(CorpusCards, Directory.GetFiles(Path.Combine(site, "seo")).Length);
        Assert.Contains($"cards: {CorpusCards} made, 0 unchanged, 0 kept, 0 unpublished, 0 opted out, 0 failed, 0 with missing glyphs ({CorpusPosts} posts)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cards_SecondRun_MakesNoneAndChangesNoFile()
    {
        var site = Blog();
        await Tool.RunAsync(site, "cards", ".");
        var before = Hashes(site);

        var run = await Tool.RunAsync(site, "cards", ".");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(Made(run));
        Assert.Contains($"cards: 0 made, {CorpusCards} unchanged", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, Hashes(site));
    }

    [Fact]
    public async Task Cards_OneTitleChanged_RemakesExactlyThatCard()
    {
        var site = Blog();
        await Tool.RunAsync(site, "cards", ".");
        var post = Path.Combine(site, "_posts", "2021-03-25-cluster-computing.md");
        var text = await File.ReadAllTextAsync(post);
        await File.WriteAllTextAsync(post, text.Replace("title: What I'm working on right now", "title: What I am working on now", StringComparison.Ordinal));
        var before = Hashes(site);

        var run = await Tool.RunAsync(site, "cards", ".");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["seo/2021-03-25.png"], Made(run));
        Assert.NotEqual(before["2021-03-25.png"], Hashes(site)["2021-03-25.png"]);
    }

    [Fact]
    public async Task Cards_CardDeletedOrEditedByHand_RemakesExactlyThose()
    {
        var site = Blog();
        await Tool.RunAsync(site, "cards", ".");
        var original = Sha(Path.Combine(site, "seo", "2022-03-07.png"));
        File.Delete(Path.Combine(site, "seo", "2022-03-07.png"));
        await File.AppendAllTextAsync(Path.Combine(site, "seo", "hello-world.png"), "edited");

        var run = await Tool.RunAsync(site, "cards", ".");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["seo/2022-03-07.png", "seo/hello-world.png"], Made(run).Order(StringComparer.Ordinal));
        Assert.Equal(original, Sha(Path.Combine(site, "seo", "2022-03-07.png")));
    }

    [Fact]
    public async Task Cards_Force_RemakesEveryCardWithTheSameBytes()
    {
        var site = Blog();
        await Tool.RunAsync(site, "cards", ".");
        var before = Hashes(site);

        var run = await Tool.RunAsync(site, "cards", ".", "--force");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(CorpusCards, Made(run).Count);
        Assert.Equal(before, Hashes(site));
    }

    [Fact]
    public async Task Cards_TabAfterTagsPost_IsReadWithItsCategory()
    {
        var site = Blog();

        var run = await Tool.RunAsync(site, "cards", ".", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Stdout);
        var card = report.RootElement.GetProperty("cards").EnumerateArray().Single(c => c.GetProperty("path").GetString() == "seo/2022-03-07.png");
        Assert.Equal("made", card.GetProperty("status").GetString());
        Assert.Equal("_posts/2022-03-07-introducing-status_michaellamb_dev.md", card.GetProperty("posts")[0].GetString());
        Assert.Empty(report.RootElement.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Cards_SharedDefaultImageThatExists_IsKeptUntouched()
    {
        var site = Blog();
        Directory.CreateDirectory(Path.Combine(site, "seo"));
        var mine = Path.Combine(site, "seo", "default.png");
        await File.WriteAllBytesAsync(mine, Encoding.UTF8.GetBytes("the site owner's own default image"));

        var run = await Tool.RunAsync(site, "cards", ".");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("the site owner's own default image", await File.ReadAllTextAsync(mine));
        Assert.Contains($"cards: {CorpusCards - 1} made, 0 unchanged, 1 kept", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteFrontMatter_ImageLinesRemoved_AddsImageAndAltAndChangesNoOtherByte()
    {
        var site = Blog();
        var posts = Directory.GetFiles(Path.Combine(site, "_posts"));
        var stripped = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(post));
            var lines = text.Split('\n').Where(l => !l.TrimStart().StartsWith("image", StringComparison.Ordinal));
            stripped[post] = Encoding.UTF8.GetBytes(string.Join('\n', lines));
            await File.WriteAllBytesAsync(post, stripped[post]);
        }

        var run = await Tool.RunAsync(site, "cards", ".", "--out", "seo/{date}-{slug}.png", "--write-front-matter");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(CorpusPosts, run.Stdout.Split('\n').Count(l => l.StartsWith("front matter: added image:", StringComparison.Ordinal)));
        foreach (var post in posts)
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(post));
            var nl = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
            var added = Regex.Match(text, "image: \"/(seo/[^\"]+\\.png)\"" + nl + "image_alt: \"(?:[^\"\\\\]|\\\\.)*\"" + nl);
            Assert.True(added.Success, $"{post} has no added image: and image_alt: lines");
            Assert.Equal(stripped[post], Encoding.UTF8.GetBytes(text.Remove(added.Index, added.Length)));
            Assert.Equal((1200, 630, SKEncodedImageFormat.Png), Inspect(Path.Combine(site, added.Groups[1].Value)));
        }

        // The posts now name their cards: nothing is left to make or to add.
        var again = await Tool.RunAsync(site, "cards", ".", "--out", "seo/{date}-{slug}.png", "--write-front-matter");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("cards: 0 made", again.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("front matter:", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cards_BrokenFrontMatter_ReportsFileAndLineExits1AndMakesTheOthers()
    {
        var site = Blog();
        var post = Path.Combine(site, "_posts", "2021-03-25-cluster-computing.md");
        var lines = (await File.ReadAllLinesAsync(post)).ToList();
        lines.Insert(3, "tags: [unclosed, list");
        await File.WriteAllLinesAsync(post, lines);

        var run = await Tool.RunAsync(site, "cards", ".");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"_posts/2021-03-25-cluster-computing\.md:\d+: error: ", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"cards: {CorpusCards - 1} made", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 failed", run.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(site, "seo", "2021-03-25.png")));
    }

    [Fact]
    public async Task Cards_BrokenFrontMatter_LineIsTheOffendingLine()
    {
        var site = JekyllSite(("2024-01-02-bad.md", "---\ntitle: Fine\ncategory: notes\n  broken: indent: here\n---\nText\n"));

        var run = await Tool.RunAsync(site, "cards", ".");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("_posts/2024-01-02-bad.md:4: error: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cards_HugoSiteWithTomlAndYamlPosts_WritesCardsUnderStatic()
    {
        var site = EmptySite();
        await File.WriteAllTextAsync(Path.Combine(site, "hugo.toml"), "baseURL = 'https://hugo.example.org/'\ntitle = 'Hugo Notes'\n[params]\nauthor = 'Ada'\n");
        Directory.CreateDirectory(Path.Combine(site, "content", "posts"));
        await File.WriteAllTextAsync(Path.Combine(site, "content", "posts", "toml-post.md"),
            "+++\ntitle = 'A TOML post'\ndate = 2024-05-06T10:00:00Z\ncategories = ['notes']\n+++\nBody\n");
        await File.WriteAllTextAsync(Path.Combine(site, "content", "posts", "yaml-post.md"),
            "---\ntitle: A YAML post\ndate: 2024-05-07\ntags: [go]\n---\nBody\n");
        await File.WriteAllTextAsync(Path.Combine(site, "content", "posts", "draft.md"), "+++\ntitle = 'Not yet'\ndraft = true\n+++\n");
        await File.WriteAllTextAsync(Path.Combine(site, "content", "_index.md"), "---\ntitle: Home\n---\n");

        var run = await Tool.RunAsync(site, "cards", ".", "--write-front-matter");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal((1200, 630, SKEncodedImageFormat.Png), Inspect(Path.Combine(site, "static", "seo", "2024-05-06.png")));
        Assert.Equal((1200, 630, SKEncodedImageFormat.Png), Inspect(Path.Combine(site, "static", "seo", "2024-05-07.png")));
        Assert.Contains("1 unpublished", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("image = \"/seo/2024-05-06.png\"\nimage_alt = \"A TOML post\"\n+++", await File.ReadAllTextAsync(Path.Combine(site, "content", "posts", "toml-post.md")), StringComparison.Ordinal);
        Assert.Contains("image: \"/seo/2024-05-07.png\"\nimage_alt: \"A YAML post\"\n---", await File.ReadAllTextAsync(Path.Combine(site, "content", "posts", "yaml-post.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cards_PlainMarkdownByGlob_PerPostThemeOverridesTheFlag()
    {
        var site = EmptySite();
        Directory.CreateDirectory(Path.Combine(site, "notes"));
        await File.WriteAllTextAsync(Path.Combine(site, "notes", "dark.md"), "---\ntitle: Dark card\ndate: 2024-01-01\n---\n");
        await File.WriteAllTextAsync(Path.Combine(site, "notes", "light.markdown"), "---\ntitle: Light card\ndate: 2024-01-02\ncard:\n  theme: light\n---\n");

        var run = await Tool.RunAsync(site, "cards", ".", "--glob", "notes/*.{md,markdown}", "--theme", "dark");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(Brightness(Path.Combine(site, "seo", "2024-01-01.png")) < 80);
        Assert.True(Brightness(Path.Combine(site, "seo", "2024-01-02.png")) > 180);
    }

    private static int Brightness(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var corner = bitmap.GetPixel(4, 4);
        return (corner.Red + corner.Green + corner.Blue) / 3;
    }

    [Fact]
    public async Task Cards_TwoPostsOnOneDate_ErrorNamesBothAndNeitherIsWritten()
    {
        var site = JekyllSite(("2024-03-01-first.md", "---\ntitle: First\n---\n"), ("2024-03-01-second.md", "---\ntitle: Second\n---\n"));

        var run = await Tool.RunAsync(site, "cards", ".");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("_posts/2024-03-01-first.md, _posts/2024-03-01-second.md", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(site, "seo", "2024-03-01.png")));
    }

    [Fact]
    public async Task Cards_ImageOutsideTheSiteRoot_IsRefused()
    {
        var site = JekyllSite(("2024-03-01-escape.md", "---\ntitle: Escape\nimage: ../../escaped.png\n---\n"));

        var run = await Tool.RunAsync(site, "cards", ".");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("_posts/2024-03-01-escape.md:1: error: The card path '../../escaped.png' leaves the site root", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(site, "..", "..", "escaped.png"))));
    }

    [Fact]
    public async Task Cards_UnpublishedPost_IsSkippedAndCounted()
    {
        var site = JekyllSite(("2024-03-01-draft.md", "---\ntitle: Draft\npublished: false\n---\n"), ("2024-03-02-live.md", "---\ntitle: Live\n---\n"));

        var run = await Tool.RunAsync(site, "cards", ".");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("cards: 1 made, 0 unchanged, 0 kept, 1 unpublished", run.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(site, "seo", "2024-03-01.png")));
    }

    [Fact]
    public async Task Cards_TraceVariable_PrintsEachStepOnStderrOnly()
    {
        var site = JekyllSite(("2024-03-01-first.md", "---\ntitle: First\n---\n"), ("2024-03-02-second.md", "---\ntitle: Second\n---\n"));

        var traced = await Tool.RunAsync(site, new Dictionary<string, string> { ["CARDSERVICE_TRACE"] = "1" }, "cards", ".", "--force");
        var quiet = await Tool.RunAsync(site, "cards", ".", "--force");

        Assert.Equal(0, traced.ExitCode);
        string[] steps = ["main", "posts read", "renderer warmed up", "planned: 2 cards, 2 to make", "first card written", "2 cards made on", "manifest saved", "report written"];
        var lines = traced.Stderr.Split('\n').Where(l => l.StartsWith("[trace]", StringComparison.Ordinal)).ToList();
        Assert.All(steps, step => Assert.Contains(lines, l => l.Contains(step, StringComparison.Ordinal)));
        Assert.DoesNotContain("[trace]", traced.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[trace]", quiet.Stderr, StringComparison.Ordinal);
        // Cards finish in any order on two threads: the summary is what must match.
        Assert.Equal(quiet.Stdout.TrimEnd().Split('\n')[^1], traced.Stdout.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public async Task Cards_PostWithCardFalse_IsSkippedCountedAndGetsNoImageLine()
    {
        const string optedOut = "---\ntitle: A link post\ncard: false\n---\nSee elsewhere.\n";
        var site = JekyllSite(("2024-03-01-link.md", optedOut), ("2024-03-02-live.md", "---\ntitle: Live\n---\n"));

        var run = await Tool.RunAsync(site, "cards", ".", "--write-front-matter");
        var json = await Tool.RunAsync(site, "cards", ".", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("cards: 1 made, 0 unchanged, 0 kept, 0 unpublished, 1 opted out, 0 failed", run.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(site, "seo", "2024-03-01.png")));
        Assert.True(File.Exists(Path.Combine(site, "seo", "2024-03-02.png")));
        Assert.Equal(optedOut, await File.ReadAllTextAsync(Path.Combine(site, "_posts", "2024-03-01-link.md")));
        Assert.Equal(1, System.Text.Json.JsonDocument.Parse(json.Stdout).RootElement.GetProperty("optedOut").GetInt32());
    }

    [Fact]
    public async Task Cards_DryRun_SaysWhatWouldBeMadeAndWritesNothing()
    {
        var site = Blog();

        var run = await Tool.RunAsync(site, "cards", ".", "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{CorpusCards} would be made (dry run)", run.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(site, "seo")));
        Assert.False(Directory.Exists(Path.Combine(site, ".cardservice")));
    }

    [Theory]
    [InlineData("no-such-site")]
    [InlineData(".", "--theme", "neon")]
    [InlineData(".", "--template", "poster")]
    [InlineData(".", "--out", "seo/card.png")]
    [InlineData(".", "--format", "xml")]
    public async Task Cards_BadSiteOrOption_Exits2WithAnError(params string[] args)
    {
        var site = EmptySite();
        if (args[0] == ".")
        {
            Directory.CreateDirectory(Path.Combine(site, "_posts"));
        }

        var run = await Tool.RunAsync(site, ["cards", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cards_NoSuchSite_NamesTheRootAsTyped()
    {
        var run = await Tool.RunAsync(EmptySite(), "cards", "no-such-site");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("no-such-site: error: No such folder", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cards_CardserviceYml_SetsThemeAndOutputTemplate()
    {
        var site = JekyllSite(("2024-03-01-post.md", "---\ntitle: Configured\n---\n"));
        await File.WriteAllTextAsync(Path.Combine(site, "cardservice.yml"), "theme: light\nout: cards/{year}/{slug}.webp\n");

        var run = await Tool.RunAsync(site, "cards", ".");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var card = Path.Combine(site, "cards", "2024", "post.webp");
        Assert.Equal((1200, 630, SKEncodedImageFormat.Webp), Inspect(card));
        Assert.True(Brightness(card) > 180);
    }

    [Fact]
    public async Task Cards_TemplateInCardserviceYmlAndFrontMatter_PostWinsAndChangingItRemakesTheCard()
    {
        var posts = new[] { ("2024-03-01-one.md", "---\ntitle: Template from the site\n---\n"), ("2024-03-02-two.md", "---\ntitle: Template from the post\ncard: {template: centered}\n---\n") };
        var site = JekyllSite(posts);
        var plain = JekyllSite(posts);
        await File.WriteAllTextAsync(Path.Combine(site, "cardservice.yml"), "template: split\n");

        var first = await Tool.RunAsync(site, "cards", ".");
        await Tool.RunAsync(plain, "cards", ".");
        var split = Hashes(site);
        await File.WriteAllTextAsync(Path.Combine(site, "cardservice.yml"), "template: photo\n");
        var changed = await Tool.RunAsync(site, "cards", ".");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.NotEqual(Hashes(plain)["2024-03-01.png"], split["2024-03-01.png"]);
        // The post's own template (centered) wins over the site's: its card is the one it gets with no cardservice.yml, and
        // only the other post changes with the file.
        Assert.Equal(Hashes(plain)["2024-03-02.png"], split["2024-03-02.png"]);
        Assert.Equal(["seo/2024-03-01.png"], Made(changed));
        Assert.Equal(split["2024-03-02.png"], Hashes(site)["2024-03-02.png"]);
    }

    [Fact]
    public async Task Cards_BrandFontInCardserviceYml_DrawsWithItAndChangingTheFontRemakesEveryCard()
    {
        var site = JekyllSite(("2024-03-01-one.md", "---\ntitle: Brand fonts\n---\n"), ("2024-03-02-two.md", "---\ntitle: Second post\n---\n"));
        var plain = JekyllSite(("2024-03-01-one.md", "---\ntitle: Brand fonts\n---\n"));
        Directory.CreateDirectory(Path.Combine(site, "brand"));
        var brand = Path.Combine(site, "brand", "title.ttf");
        File.Copy(BundledFont("NotoSans-Bold.ttf"), brand);
        await File.WriteAllTextAsync(Path.Combine(site, "cardservice.yml"), "title_font: brand/title.ttf\n");
        await Tool.RunAsync(plain, "cards", ".");

        var first = await Tool.RunAsync(site, "cards", ".");
        var branded = Hashes(site);
        var again = await Tool.RunAsync(site, "cards", ".");
        File.Copy(BundledFont("Inter-Regular.otf"), brand, overwrite: true);
        var changed = await Tool.RunAsync(site, "cards", ".");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(2, Made(first).Count);
        Assert.NotEqual(Hashes(plain)["2024-03-01.png"], branded["2024-03-01.png"]);
        Assert.Empty(Made(again));
        Assert.Equal(["seo/2024-03-01.png", "seo/2024-03-02.png"], Made(changed).Order(StringComparer.Ordinal));
        Assert.NotEqual(branded["2024-03-01.png"], Hashes(site)["2024-03-01.png"]);
    }

    [Fact]
    public async Task Cards_BrandFontFlagNotAFont_Exits2NamingTheFlagAndMakesNothing()
    {
        var site = JekyllSite(("2024-03-01-one.md", "---\ntitle: Brand fonts\n---\n"));
        var notAFont = Path.Combine(site, "brand.woff");
        await File.WriteAllTextAsync(notAFont, "<svg/>");

        var run = await Tool.RunAsync(site, "cards", ".", "--body-font", notAFont);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: body-font: '{notAFont}' is not a TTF, OTF or WOFF font", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(site, "seo")));
    }

    [Fact]
    public async Task Cards_Woff2InCardserviceYml_Exits2NamingTheFileAndKey()
    {
        var site = JekyllSite(("2024-03-01-one.md", "---\ntitle: Brand fonts\n---\n"));
        await File.WriteAllBytesAsync(Path.Combine(site, "brand.woff2"), [.. "wOF2"u8, .. new byte[60]]);
        await File.WriteAllTextAsync(Path.Combine(site, "cardservice.yml"), "title_font: brand.woff2\n");

        var run = await Tool.RunAsync(site, "cards", ".");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("cardservice.yml: error: title_font: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("is WOFF2, which this service does not unpack", run.Stderr, StringComparison.Ordinal);
    }

    private static string BundledFont(string file) => Path.Combine(AppContext.BaseDirectory, "fonts", file);

    [Fact]
    public async Task Cards_BrokenCardserviceYml_Exits2WithFileAndLine()
    {
        var site = EmptySite();
        Directory.CreateDirectory(Path.Combine(site, "_posts"));
        await File.WriteAllTextAsync(Path.Combine(site, "cardservice.yml"), "theme: light\naccent: [unclosed\n");

        var run = await Tool.RunAsync(site, "cards", ".");

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"^cardservice\.yml:\d+: error: ", run.Stderr);
    }

    [Fact]
    public async Task Cards_Interrupted_CardsWrittenAreWholeAndInTheManifest()
    {
        var site = Blog();
        using var process = Process.Start(Tool.StartInfo(site, ["cards", ".", "--jobs", "1"]))!;
        var stderr = process.StandardError.ReadToEndAsync();
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("made ", StringComparison.Ordinal))
        {
        }

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var rest = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {rest} {await stderr}");
        Assert.Contains("; interrupted", rest, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(site, ".cardservice", "manifest.json")));
        var recorded = manifest.RootElement.GetProperty("cards").EnumerateObject().ToList();
        Assert.InRange(recorded.Count, 1, CorpusCards - 1);
        foreach (var card in recorded)
        {
            var file = Path.Combine(site, card.Name);
            Assert.Equal(card.Value.GetProperty("sha256").GetString(), Sha(file));
            using var bitmap = SKBitmap.Decode(file);
            Assert.Equal(1200, bitmap.Width);
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(site, "seo"), "*.tmp"));
        Assert.Equal(recorded.Count, Directory.GetFiles(Path.Combine(site, "seo")).Length);

        var resumed = await Tool.RunAsync(site, "cards", ".");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(CorpusCards - recorded.Count, Made(resumed).Count);
    }
}
