using CardService.Cli.Commands.Check;
using CardService.Cli.Tests.Commands.Check.Support;

namespace CardService.Cli.Tests.Commands.Check;

/// <summary>End to end with real Hugo: a two-post site (TOML and YAML front matter) → <c>hugo</c> → <c>cardservice check public</c>.</summary>
public sealed class CheckCommandHugoTests : IDisposable
{
    private readonly TempFolder _site = new();

    public CheckCommandHugoTests()
    {
        TempFolder.Copy(Path.Combine(AppContext.BaseDirectory, "Commands", "Check", "Fixtures", "hugo"), _site.Path);
    }

    [Fact]
    public async Task Check_HugoPublicFolder_ReadsBaseUrlAndReportsOnlyTheMissingCardOnItsLine()
    {
        // Only the TOML post has its card (in static/, which Hugo copies into public/).
        CardPngs.Place(Path.Combine(_site.Path, "static"), ["/cards/toml-post.png"]);
        await Generator.RunAsync("hugo", _site.Path, "--quiet");

        var output = await CheckCli.RunAsync(Path.Combine(_site.Path, "public"), "--format", "json");

        Assert.Equal(CheckCommand.FindingsReached, output.ExitCode);
        var pages = output.Json["pages"]!.AsArray();
        Assert.Equal(["https://hugo.example/posts/toml-post/", "https://hugo.example/posts/yaml-post/"], pages.Select(p => p!["url"]!.GetValue<string>()));
        var missing = Assert.Single(pages.SelectMany(p => p!["findings"]!.AsArray()), f => f!["ruleId"]!.GetValue<string>() == "og-image-unreachable");
        Assert.Equal("og:image https://hugo.example/cards/yaml-post.png answered HTTP 404; Facebook, X, LinkedIn, Slack, Discord, iMessage, WhatsApp show no image", missing!["message"]!.GetValue<string>());
        var yamlPage = Path.Combine(_site.Path, "public", "posts", "yaml-post", "index.html");
        Assert.Equal(LineOf(yamlPage, "property=\"og:image\""), missing["line"]!.GetValue<int>());
        Assert.Equal(1, output.Json["totals"]!["errors"]!.GetValue<int>());
    }

    public void Dispose() => _site.Dispose();

    /// <summary>The 1-based line of the first line of <paramref name="file"/> containing <paramref name="text"/>.</summary>
    internal static int LineOf(string file, string text) =>
        Array.FindIndex(File.ReadAllLines(file), l => l.Contains(text, StringComparison.Ordinal)) + 1;
}
