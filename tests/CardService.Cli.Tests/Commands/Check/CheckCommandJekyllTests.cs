using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CardService.Cli.Commands.Check;
using CardService.Cli.Tests.Commands.Check.Support;
using CardService.Core.Fetching;
using CardService.Core.Inspection;

namespace CardService.Cli.Tests.Commands.Check;

/// <summary>End to end with real Jekyll 4.3 and jekyll-seo-tag on the corpus blog: <c>jekyll build</c> → <c>cardservice check _site</c>.</summary>
public sealed partial class CheckCommandJekyllTests(JekyllSites sites) : IClassFixture<JekyllSites>
{
    [Fact]
    public async Task Check_SiteBuiltBeforeCards_ReportsEachMissingCard()
    {
        var output = await CheckCli.RunAsync(Path.Combine(sites.WithoutCards, "_site"), "--format", "json");

        Assert.Equal(CheckCommand.FindingsReached, output.ExitCode);
        var pages = output.Json["pages"]!.AsArray();
        Assert.Equal(JekyllBlog.PostCount(), pages.Count);
        Assert.All(pages, page => Assert.Single(Findings(page), f => f.RuleId == "og-image-unreachable"));
        Assert.All(pages, page => Assert.Equal(2, Findings(page).Count(f => f.RuleId == "icon-unreachable")));
        var missing = pages.SelectMany(Findings).Where(f => f.RuleId == "og-image-unreachable")
            .Select(f => new Uri(MissingImage().Match(f.Message).Groups["url"].Value).AbsolutePath)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(JekyllBlog.CardPaths().Order(StringComparer.Ordinal), missing.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Check_SiteBuiltAfterCards_FindsEveryReferencedCard()
    {
        var output = await CheckCli.RunAsync(Path.Combine(sites.WithCards, "_site"), "--format", "json");

        var pages = output.Json["pages"]!.AsArray();
        Assert.Equal(JekyllBlog.PostCount(), pages.Count);
        Assert.DoesNotContain(pages.SelectMany(Findings), f => f.RuleId.EndsWith("-unreachable", StringComparison.Ordinal) || f.RuleId.Contains("too-small", StringComparison.Ordinal)
            || f.RuleId == "icon-not-image");
        // The image rules ran on every page (the cards were read from the folder), not skipped as unknown.
        Assert.All(pages, page => Assert.DoesNotContain("og-image-unreachable", page!["notChecked"]!.AsArray().Select(n => n!.GetValue<string>())));
        Assert.Equal(0, output.Json["totals"]!["errors"]!.GetValue<int>());
        Assert.Equal(0, output.ExitCode);
    }

    [Fact]
    public async Task Check_EachBuiltPage_FindsExactlyWhatValidateFindsForTheSameHtml()
    {
        var output = await CheckCli.RunAsync(Path.Combine(sites.Served, "_site"), "--format", "json");
        // /validate with posted HTML: the same inspector, its images probed over HTTP from the real static host serving the build.
        using var fetcher = new PageFetcher(new FetchOptions { AllowedPrivateNetworks = ["127.0.0.0/8"] });
        var inspector = new PageInspector(new PageLoader(fetcher), fetcher);

        var pages = output.Json["pages"]!.AsArray();
        Assert.Equal(JekyllBlog.PostCount(), pages.Count);
        // Half the cards exist: both what a file answers and what a missing file answers are compared.
        Assert.Contains(pages.SelectMany(Findings), f => f.RuleId == "og-image-unreachable");
        Assert.Contains(pages.SelectMany(Findings), f => f.RuleId == "twitter-large-image-aspect");
        // Icons too: the favicon is missing, the touch icon is 120×120 (read from the file, probed over HTTP).
        Assert.All(pages, page => Assert.Single(Findings(page), f => f.RuleId == "icon-unreachable"));
        Assert.All(pages, page => Assert.Single(Findings(page), f => f.RuleId == "apple-touch-icon-too-small"));
        foreach (var page in pages)
        {
            var html = await File.ReadAllTextAsync(page!["file"]!.GetValue<string>());
            var validated = await inspector.InspectAsync(new InspectionRequest(new Uri(page["url"]!.GetValue<string>()), html), CancellationToken.None);

            var expected = validated.Inspection!.Report.Findings.Select(f => new Item(f.RuleId, f.Severity.ToString().ToLowerInvariant(), f.Message));
            Assert.Equal(expected, Findings(page));
            Assert.Equal(validated.Inspection.Report.Score, page["score"]!.GetValue<int>());
        }
    }

    private static IEnumerable<Item> Findings(JsonNode? page) => page!["findings"]!.AsArray().Select(f => new Item(
        f!["ruleId"]!.GetValue<string>(), f["severity"]!.GetValue<string>().ToLowerInvariant(), f["message"]!.GetValue<string>()));

    [GeneratedRegex(@"^og:image (?<url>\S+) answered HTTP 404")]
    private static partial Regex MissingImage();

    private sealed record Item(string RuleId, string Severity, string Message);
}
