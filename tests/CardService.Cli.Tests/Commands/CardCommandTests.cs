using CardService.Cli.Tests.Support;
using SkiaSharp;

namespace CardService.Cli.Tests.Commands;

/// <summary>Runs the built tool (<c>dotnet cardservice.dll card ...</c>) in a temp folder, as a build step would.</summary>
public sealed class CardCommandTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cardservice-cli-");

    public void Dispose() => _work.Delete(recursive: true);

    private Task<ToolRun> RunAsync(params string[] args) => Tool.RunAsync(_work.FullName, args);

    private string PathOf(string name) => Path.Combine(_work.FullName, name);

    private static (int Width, int Height, SKEncodedImageFormat Format) Inspect(string path)
    {
        using var codec = SKCodec.Create(path);
        Assert.NotNull(codec);
        return (codec.Info.Width, codec.Info.Height, codec.EncodedFormat);
    }

    [Fact]
    public async Task Card_TitleAndCategory_WritesA1200x630PngAndSaysSo()
    {
        var run = await RunAsync("card", "--title", "Hello world", "--category", "Notes", "--out", "card.png");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^wrote card\.png \(1200×630, \d+ KB\)\s*$", run.Stdout);
        Assert.Equal((1200, 630, SKEncodedImageFormat.Png), Inspect(PathOf("card.png")));
    }

    [Fact]
    public async Task Card_EveryTextOptionAndPreset_WritesThatSizeAndFormat()
    {
        var run = await RunAsync("card", "--title", "All of it", "--category", "Notes", "--description", "A subtitle",
            "--site-name", "example.com", "--author", "Ada", "--date", "2022-01-11", "--theme", "light", "--accent", "#ff8800",
            "--format", "webp", "--size", "1080x1080", "--out", "nested/dir/card.webp");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal((1080, 1080, SKEncodedImageFormat.Webp), Inspect(PathOf("nested/dir/card.webp")));
    }

    [Fact]
    public async Task Card_JpgExtensionWithoutFormat_WritesJpeg()
    {
        var run = await RunAsync("card", "--title", "Photo", "--width", "800", "--height", "400", "--out", "card.jpg");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal((800, 400, SKEncodedImageFormat.Jpeg), Inspect(PathOf("card.jpg")));
    }

    [Fact]
    public async Task Card_LogoFile_IsReadAndRendered()
    {
        using (var bitmap = new SKBitmap(64, 64))
        {
            bitmap.Erase(SKColors.OrangeRed);
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            await File.WriteAllBytesAsync(PathOf("logo.png"), data.ToArray());
        }

        var run = await RunAsync("card", "--title", "With a logo", "--logo", "logo.png", "--out", "card.png");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(PathOf("card.png")));
    }

    [Fact]
    public async Task Card_NoTitle_Exits2NamingTitleAndWritesNothing()
    {
        var run = await RunAsync("card", "--category", "Notes", "--out", "card.png");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: title: ", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("card.png")));
    }

    [Fact]
    public async Task Card_SvgLogo_Exits2SayingSvgIsNotSupported()
    {
        var run = await RunAsync("card", "--title", "x", "--logo", "logo.svg", "--out", "card.png");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: logo: 'logo.svg': SVG images are not supported", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("card.png")));
    }

    [Theory]
    [InlineData("width", "--title", "x", "--width", "12")]
    [InlineData("theme", "--title", "x", "--theme", "neon")]
    [InlineData("template", "--title", "x", "--template", "poster")]
    [InlineData("accent", "--title", "x", "--accent", "blue")]
    [InlineData("width", "--title", "x", "--width", "abc")]
    [InlineData("height", "--title", "x", "--height", "9000")]
    [InlineData("size", "--title", "x", "--size", "9000x9000")]
    [InlineData("format", "--title", "x", "--format", "gif")]
    [InlineData("logo", "--title", "x", "--logo", "missing.png")]
    [InlineData("background", "--title", "x", "--background", "notes.txt")]
    [InlineData("fonts", "--title", "x", "--fonts", "no-such-dir")]
    public async Task Card_BadOption_Exits2WithErrorNamingIt(string field, params string[] args)
    {
        var run = await RunAsync(["card", .. args, "--out", "card.png"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {field}: ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("card.png")));
    }

    [Fact]
    public async Task Card_TitleOver300Characters_Exits2()
    {
        var run = await RunAsync("card", "--title", new string('a', 301), "--out", "card.png");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: title: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_NoOut_Exits2NamingOut()
    {
        var run = await RunAsync("card", "--title", "x");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: out: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_UnknownOption_Exits2()
    {
        var run = await RunAsync("card", "--title", "x", "--colour", "red", "--out", "card.png");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--colour", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_TitleAndBodyFonts_DrawTheCardInThem()
    {
        var fonts = Path.Combine(AppContext.BaseDirectory, "fonts");
        string[] fields = ["card", "--title", "Brand fonts", "--site-name", "example.dev"];

        var plain = await RunAsync([.. fields, "--out", "plain.png"]);
        var branded = await RunAsync([.. fields, "--title-font", Path.Combine(fonts, "NotoSans-Bold.ttf"), "--body-font", Path.Combine(fonts, "NotoSans-Regular.ttf"), "--out", "brand.png"]);

        Assert.True(branded.ExitCode == 0, branded.Stderr);
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal((1200, 630, SKEncodedImageFormat.Png), Inspect(PathOf("brand.png")));
        Assert.NotEqual(File.ReadAllBytes(PathOf("plain.png")), File.ReadAllBytes(PathOf("brand.png")));
    }

    [Fact]
    public async Task Card_FontsFolderWithoutFonts_Exits2NamingFonts()
    {
        Directory.CreateDirectory(PathOf("empty-fonts"));

        var run = await RunAsync("card", "--title", "x", "--fonts", "empty-fonts", "--out", "card.png");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: fonts: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_OutIsADirectory_Exits1()
    {
        Directory.CreateDirectory(PathOf("taken.png"));

        var run = await RunAsync("card", "--title", "x", "--out", "taken.png");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: out: cannot write", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>U+1D11E MUSICAL SYMBOL G CLEF is in none of the bundled fonts: the tool must say so, and still write the card.</summary>
    [Fact]
    public async Task Card_TitleWithCodePointNoFontHas_WarnsWithItsCodePoint()
    {
        var run = await RunAsync("card", "--title", "Clef \U0001D11E", "--out", "card.png");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning: no bundled font draws U+1D11E", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardHelp_ListsTheOptions()
    {
        var run = await RunAsync("card", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--title", "--category", "--theme", "--accent", "--logo", "--format", "--size", "--width", "--height", "--out", "--fonts" })
        {
            Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
        }
    }
}
