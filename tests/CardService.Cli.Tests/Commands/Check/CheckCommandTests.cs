using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CardService.Cli.Commands.Check;
using CardService.Cli.Tests.Commands.Check.Support;
using CardService.Core.Tests.Fetching.Support;
using CardService.Core.Tests.Support;
using CardService.Core.Validation;
using Json.Schema;

namespace CardService.Cli.Tests.Commands.Check;

/// <summary>
/// <c>cardservice check</c> on a small built site (fixture files): output formats, exit codes, usage errors and baselines.
/// <c>_site/post/</c> has its card and only warnings; <c>_site/broken/</c> (added per test) names a card the build lacks.
/// </summary>
public sealed partial class CheckCommandTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Commands", "Check", "Fixtures");

    private readonly TempFolder _blog = new();

    public CheckCommandTests()
    {
        TempFolder.Copy(Path.Combine(Fixtures, "blog"), _blog.Path);
        CardPngs.Place(SiteDir, ["/cards/post.png"]);
        File.WriteAllBytes(Path.Combine(SiteDir, "favicon.png"), TestImages.Png(32, 32));
    }

    private string SiteDir => _blog.File("_site");

    private string BrokenPage => Path.Combine(SiteDir, "broken", "index.html");

    [Fact]
    public async Task Check_SiteWithItsCardsAndOnlyWarnings_ExitsZeroOnErrorAndOneOnWarning()
    {
        var onError = await CheckCli.RunAsync(SiteDir);
        var onWarning = await CheckCli.RunAsync(SiteDir, "--fail-on", "warning");

        Assert.Equal(0, onError.ExitCode);
        Assert.Equal(CheckCommand.FindingsReached, onWarning.ExitCode);
        Assert.Contains("1 pages checked: 0 errors, 1 warnings", onError.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 redirect pages skipped", onError.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning og-image-alt-missing:", onError.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DeclaredIconMissingOrNotAnImage_WarnsOnTheLineOfItsLink()
    {
        var page = Path.Combine(SiteDir, "post", "index.html");
        File.Delete(Path.Combine(SiteDir, "favicon.png"));
        var html = await File.ReadAllTextAsync(page);
        await File.WriteAllTextAsync(page, html.Replace("</head>", "<link rel=\"apple-touch-icon\" href=\"/touch.png\">\n</head>", StringComparison.Ordinal));
        // A page saved under an image's name: the static host would send image/png, the bytes say otherwise.
        await File.WriteAllTextAsync(Path.Combine(SiteDir, "touch.png"), "<!doctype html><title>Not found</title>");

        var output = await CheckCli.RunAsync(SiteDir, "--fail-on", "warning");

        Assert.Equal(CheckCommand.FindingsReached, output.ExitCode);
        Assert.Contains(
            $"{page}:{CheckCommandHugoTests.LineOf(page, "rel=\"icon\"")}:1: warning icon-unreachable: <link rel=\"icon\"> https://blog.example/favicon.png answered HTTP 404",
            output.Stdout,
            StringComparison.Ordinal);
        Assert.Contains(
            $"{page}:{CheckCommandHugoTests.LineOf(page, "rel=\"apple-touch-icon\"")}:1: warning icon-not-image: <link rel=\"apple-touch-icon\"> https://blog.example/touch.png is served as image/png but its bytes are no image format",
            output.Stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingCard_ExitsOneAndPrintsFileLineAndRule()
    {
        AddBrokenPage();

        var output = await CheckCli.RunAsync(SiteDir);

        Assert.Equal(CheckCommand.FindingsReached, output.ExitCode);
        var line = CheckCommandHugoTests.LineOf(BrokenPage, "property=\"og:image\"");
        Assert.Contains(
            $"{BrokenPage}:{line}:1: error og-image-unreachable: og:image https://blog.example/cards/broken.png answered HTTP 404; Facebook, X, LinkedIn, Slack, Discord, iMessage, WhatsApp show no image",
            output.Stdout,
            StringComparison.Ordinal);
        Assert.Contains($"{BrokenPage}:{CheckCommandHugoTests.LineOf(BrokenPage, "<head>")}:1: error og-title-missing:", output.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_FailOnNone_ExitsZeroDespiteErrors()
    {
        AddBrokenPage();

        var output = await CheckCli.RunAsync(SiteDir, "--fail-on", "none");

        Assert.Equal(0, output.ExitCode);
        Assert.Contains("2 errors", output.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Terminal_DrawsColouredTablesPerPage()
    {
        AddBrokenPage();

        var output = await CheckCli.RunAsync(terminal: true, SiteDir);

        Assert.Contains("\u001b[", output.Stdout, StringComparison.Ordinal);
        Assert.Contains("╭", output.Stdout, StringComparison.Ordinal);
        Assert.Contains("og-image-unreachable", output.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Sarif_ValidatesAgainstTheSarif210SchemaWithRulesLinesAndFingerprints()
    {
        AddBrokenPage();

        var output = await CheckCli.RunAsync(SiteDir, "--format", "sarif");

        var log = JsonNode.Parse(output.Stdout)!;
        var result = SarifSchema().Evaluate(log, new EvaluationOptions { OutputFormat = OutputFormat.List, EvaluateAs = SpecVersion.Draft7, RequireFormatValidation = true });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, string.Join('\n', errors.Take(20)));

        var run = log["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        Assert.Equal(RuleCatalog.All.Select(r => r.Id), rules.Select(r => r!["id"]!.GetValue<string>()));
        Assert.All(rules, r => Assert.StartsWith("https://", r!["helpUri"]!.GetValue<string>(), StringComparison.Ordinal));
        var unreachable = Assert.Single(run["results"]!.AsArray(), r => r!["ruleId"]!.GetValue<string>() == "og-image-unreachable")!;
        Assert.Equal("error", unreachable["level"]!.GetValue<string>());
        Assert.Equal("og-image-unreachable", rules[unreachable["ruleIndex"]!.GetValue<int>()]!["id"]!.GetValue<string>());
        var location = unreachable["locations"]![0]!["physicalLocation"]!;
        Assert.Equal(BrokenPage, location["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Equal(CheckCommandHugoTests.LineOf(BrokenPage, "property=\"og:image\""), location["region"]!["startLine"]!.GetValue<int>());
        Assert.Matches("^[0-9a-f]{32}$", unreachable["partialFingerprints"]![SarifLog.FingerprintKey]!.GetValue<string>());
    }

    [Fact]
    public async Task Check_Github_WritesOneWorkflowAnnotationPerFinding()
    {
        AddBrokenPage();

        var output = await CheckCli.RunAsync(SiteDir, "--format", "github", "--fail-on", "warning");

        var lines = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.Matches(Annotation(), l));
        var json = (await CheckCli.RunAsync(SiteDir, "--format", "json")).Json;
        Assert.Equal(json["pages"]!.AsArray().Sum(p => p!["findings"]!.AsArray().Count), lines.Length);
        var line = CheckCommandHugoTests.LineOf(BrokenPage, "property=\"og:image\"");
        Assert.Contains(
            $"::error file={BrokenPage.Replace(":", "%3A", StringComparison.Ordinal)},line={line},col=1,title=og-image-unreachable::og:image https://blog.example/cards/broken.png answered HTTP 404; Facebook, X, LinkedIn, Slack, Discord, iMessage, WhatsApp show no image",
            lines);
        Assert.Contains(lines, l => l.StartsWith("::warning ", StringComparison.Ordinal));
        Assert.Equal(CheckCommand.FindingsReached, output.ExitCode);
    }

    [Fact]
    public async Task Check_Baseline_ReportsOnlyNewFindingsEvenWhenLinesMove()
    {
        AddBrokenPage();
        var baseline = _blog.File("baseline.sarif");
        await File.WriteAllTextAsync(baseline, (await CheckCli.RunAsync(SiteDir, "--format", "sarif")).Stdout);

        var unchanged = await CheckCli.RunAsync(SiteDir, "--baseline", baseline, "--format", "json");
        // Every known finding moves down three lines, and the post loses its og:title: only that is new.
        await File.WriteAllTextAsync(BrokenPage, "\n\n\n" + await File.ReadAllTextAsync(BrokenPage));
        var post = Path.Combine(SiteDir, "post", "index.html");
        await File.WriteAllLinesAsync(post, (await File.ReadAllLinesAsync(post)).Where(l => !l.Contains("og:title", StringComparison.Ordinal)));
        var changed = await CheckCli.RunAsync(SiteDir, "--baseline", baseline, "--format", "json");

        Assert.Equal(0, unchanged.ExitCode);
        Assert.Empty(unchanged.Json["pages"]!.AsArray().SelectMany(p => p!["findings"]!.AsArray()));
        Assert.True(unchanged.Json["totals"]!["knownFromBaseline"]!.GetValue<int>() > 2);
        Assert.Equal(CheckCommand.FindingsReached, changed.ExitCode);
        // The broken page's findings moved but are known; only the post's changed findings are reported.
        var fresh = changed.Json["pages"]!.AsArray().Where(p => p!["findings"]!.AsArray().Count > 0).ToList();
        Assert.Equal(post, Assert.Single(fresh)!["file"]!.GetValue<string>());
        Assert.Contains("og-title-missing", fresh[0]!["findings"]!.AsArray().Select(f => f!["ruleId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Check_NoSuchFolder_ExitsTwoNamingIt()
    {
        var output = await CheckCli.RunAsync(_blog.File("nowhere"));

        Assert.Equal(CheckCommand.BadInput, output.ExitCode);
        Assert.Equal($"error: no such folder '{_blog.File("nowhere")}'.", output.Stderr.Trim());
    }

    [Fact]
    public async Task Check_NoSiteAddress_ExitsTwoUntilBaseUrlIsGiven()
    {
        File.Delete(_blog.File("_config.yml"));

        var without = await CheckCli.RunAsync(SiteDir);
        var with = await CheckCli.RunAsync(SiteDir, "--base-url", "https://blog.example");

        Assert.Equal(CheckCommand.BadInput, without.ExitCode);
        Assert.Contains("pass --base-url", without.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, with.ExitCode);
    }

    [Fact]
    public async Task Check_BaselineNotJson_ExitsTwoWithFileAndLine()
    {
        var baseline = _blog.File("broken.sarif");
        await File.WriteAllTextAsync(baseline, "{\n  \"runs\": [\n    oops\n]}");

        var output = await CheckCli.RunAsync(SiteDir, "--baseline", baseline);

        Assert.Equal(CheckCommand.BadInput, output.ExitCode);
        Assert.StartsWith($"error: baseline: {baseline}:3: not JSON:", output.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_UnknownFormat_ExitsTwoWithoutAStackTrace()
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "cardservice.dll");
        var start = new ProcessStartInfo("dotnet", [tool, "check", SiteDir, "--format", "xml"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(CheckCommand.BadInput, process.ExitCode);
        Assert.Contains("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains("xml", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _blog.Dispose();

    private static JsonSchema SarifSchema()
    {
        // The OASIS schema says draft-04 (which JsonSchema.Net does not evaluate) and uses nothing draft-07 reads differently.
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(SourceTree.Root, "..", "shared", "schemas", "sarif-schema-2.1.0.json")))!.AsObject();
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        schema.Remove("id");
        return JsonSchema.FromText(schema.ToJsonString());
    }

    private void AddBrokenPage()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(BrokenPage)!);
        File.Copy(Path.Combine(Fixtures, "broken.html"), BrokenPage);
    }

    [GeneratedRegex(@"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[a-z0-9-]+::.+$")]
    private static partial Regex Annotation();
}
