using System.Text;
using CardService.Cli.Commands.Check;
using CardService.Cli.Tests.Commands.Check.Support;
using CardService.Core.Fetching;
using CardService.Core.Inspection;
using CardService.Core.Tests.Fetching.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CardService.Cli.Tests.Commands.Check;

/// <summary><c>cardservice check URL</c> and <c>--online</c> against a real Kestrel server on 127.0.0.3.</summary>
public sealed class CheckCommandUrlTests : IAsyncLifetime, IDisposable
{
    private const string Allowed = "127.0.0.3/32";

    private const string Page = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>A page served over HTTP</title>
        <meta property="og:title" content="A page served over HTTP">
        <meta property="og:image" content="/missing-card.png">
        </head>
        <body></body>
        </html>
        """;

    private readonly TempFolder _site = new();
    private LocalServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LocalServer.StartAsync("127.0.0.3", app =>
            app.MapGet("/post.html", () => Results.Content(Page, "text/html; charset=utf-8", Encoding.UTF8)));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Check_Url_FindsWhatValidateFindsOnTheLinesOfTheServedHtml()
    {
        var url = _server.Url("/post.html?utm=x");

        var output = await CheckCli.RunAsync(url.AbsoluteUri, "--allow-private", Allowed, "--format", "json");

        using var fetcher = new PageFetcher(new FetchOptions { AllowedPrivateNetworks = [Allowed] });
        var validated = await new PageInspector(new PageLoader(fetcher), fetcher).InspectAsync(new InspectionRequest(url), CancellationToken.None);
        var page = Assert.Single(output.Json["pages"]!.AsArray())!;
        Assert.Equal(url.AbsoluteUri, page["file"]!.GetValue<string>());
        Assert.Equal(
            validated.Inspection!.Report.Findings.Select(f => f.RuleId),
            page["findings"]!.AsArray().Select(f => f!["ruleId"]!.GetValue<string>()));
        var unreachable = Assert.Single(page["findings"]!.AsArray(), f => f!["ruleId"]!.GetValue<string>() == "og-image-unreachable")!;
        Assert.Equal(7, unreachable["line"]!.GetValue<int>());
        Assert.Equal(CheckCommand.FindingsReached, output.ExitCode);
    }

    [Fact]
    public async Task Check_UrlThatCannotBeFetched_ExitsThreeWithTheReason()
    {
        var output = await CheckCli.RunAsync("http://127.0.0.3:1/post/", "--allow-private", Allowed);

        Assert.Equal(CheckCommand.FetchFailed, output.ExitCode);
        Assert.StartsWith("error: http://127.0.0.3:1/post/: ", output.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ImageOnAnotherHost_IsProbedOnlyWhenOnline()
    {
        var page = _site.File("_site/index.html");
        Directory.CreateDirectory(Path.GetDirectoryName(page)!);
        await File.WriteAllTextAsync(page, Page.Replace("/missing-card.png", _server.Url("/elsewhere.png").AbsoluteUri, StringComparison.Ordinal));

        var offline = await CheckCli.RunAsync(_site.File("_site"), "--base-url", "https://blog.example/", "--format", "json");
        var online = await CheckCli.RunAsync(_site.File("_site"), "--base-url", "https://blog.example/", "--format", "json", "--online", "--allow-private", Allowed);

        static IEnumerable<string> RuleIds(CheckOutput output) =>
            output.Json["pages"]![0]!["findings"]!.AsArray().Select(f => f!["ruleId"]!.GetValue<string>());
        Assert.DoesNotContain("og-image-unreachable", RuleIds(offline));
        Assert.Contains("og-image-unreachable", RuleIds(online));
    }
}
