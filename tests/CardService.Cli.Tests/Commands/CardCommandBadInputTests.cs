using System.Diagnostics;
using CardService.Cli.Tests.Support;

namespace CardService.Cli.Tests.Commands;

/// <summary>
/// The CLI's share of the bad-input battery: hostile URLs and local files that are not image files (devices, a FIFO, a
/// sparse 3 GB file, a 50 MB file, a folder). Each must end with <c>error: &lt;option&gt;: …</c> on stderr and the documented
/// exit code, promptly and without a stack trace; nothing is written.
/// </summary>
public sealed class CardCommandBadInputTests : IDisposable
{
    private static readonly string[] Leaks = ["   at ", "Exception", "Unhandled", "System."];

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cardservice-cli-bad-");

    public CardCommandBadInputTests()
    {
        File.CreateSymbolicLink(PathOf("zero.png"), "/dev/zero");
        File.CreateSymbolicLink(PathOf("status.png"), "/proc/self/status");
        File.CreateSymbolicLink(PathOf("dangling.png"), PathOf("nowhere.png"));
        File.WriteAllBytes(PathOf("empty.png"), []);
        Directory.CreateDirectory(PathOf("folder.png"));
        Sparse("sparse.png", 3L << 30);
        Sparse("big.png", 50L << 20);
        using var mkfifo = Process.Start("mkfifo", [PathOf("fifo.png")]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>(option the error names, exit code, arguments after <c>card --title x</c>, or instead of its title).</summary>
    public static TheoryData<string, int, string[]> Cases() => new()
    {
        { "url", 2, ["--url", "http://exa\uFFFDmple.com/"] },
        { "url", 2, ["--url", "https://a\u200Db.example/post"] },
        { "url", 2, ["--url", "http://\u2488.example/"] },
        { "url", 2, ["--url", "ftp://files.example/post"] },
        { "url", 2, ["--url", "not a url"] },
        { "logo", 2, ["--logo", "http://exa\uFFFDmple.com/logo.png"] },
        { "background", 2, ["--background", "https://a\u200Db.example/bg.png"] },
        { "logo", 2, ["--logo", "/dev/zero"] },
        { "logo", 2, ["--logo", "zero.png"] },
        { "logo", 2, ["--logo", "fifo.png"] },
        { "background", 2, ["--background", "fifo.png"] },
        { "logo", 2, ["--logo", "sparse.png"] },
        { "logo", 2, ["--logo", "big.png"] },
        { "logo", 2, ["--logo", "empty.png"] },
        { "logo", 2, ["--logo", "folder.png"] },
        { "logo", 2, ["--logo", "status.png"] },
        { "logo", 2, ["--logo", "dangling.png"] },
        { "logo", 2, ["--logo", "data:image/png;base64,!!!!"] },
        { "logo", 2, ["--logo", "javascript:alert(1)"] },
        { "title", 2, ["--title", string.Concat(Enumerable.Repeat("\U0001F600", 301))] },
        { "width", 2, ["--width", "99999999999999999999"] },
        { "title-font", 2, ["--title-font", "/dev/zero"] },
        { "title-font", 2, ["--title-font", "fifo.png"] },
        { "title-font", 2, ["--title-font", "status.png"] },
        { "title-font", 2, ["--title-font", "dangling.png"] },
        { "body-font", 2, ["--body-font", "folder.png"] },
        { "body-font", 2, ["--body-font", "sparse.png"] },
        { "body-font", 2, ["--body-font", "empty.png"] },
        { "url", 3, ["--url", "http://127.0.0.1:1/post"] },
        { "logo", 3, ["--logo", "http://169.254.169.254/latest/meta-data/"] },
    };

    public void Dispose() => _work.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_work.FullName, name);

    private void Sparse(string name, long length)
    {
        using var file = File.Create(PathOf(name));
        file.SetLength(length);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Card_BadInput_PrintsTheOptionAndExitsWithItsCode(string option, int exitCode, string[] args)
    {
        string[] title = args.Contains("--title") ? [] : ["--title", "x"];
        var run = await Tool.RunAsync(_work.FullName, ["card", .. title, .. args, "--out", "card.png"]);

        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}, expected {exitCode}: {run.Stderr}");
        Assert.StartsWith($"error: {option}: ", run.Stderr, StringComparison.Ordinal);
        Assert.All(Leaks, leak => Assert.DoesNotContain(leak, run.Stderr, StringComparison.Ordinal));
        Assert.False(File.Exists(PathOf("card.png")));
    }

    [Fact]
    public async Task Card_151Emoji_CountsAsWhatAPersonSees()
    {
        var run = await Tool.RunAsync(_work.FullName, "card", "--title", string.Concat(Enumerable.Repeat("\U0001F600", 151)), "--out", "card.png");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(File.Exists(PathOf("card.png")));
    }
}
