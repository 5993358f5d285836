using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CardService.Core.Validation;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Endpoints;

public sealed partial class RulesEndpointsTests(CardServiceFactory factory) : IClassFixture<CardServiceFactory>
{
    private static readonly string[] Severities = ["Error", "Warning", "Info"];

    private async Task<JsonElement> GetRulesAsync()
    {
        using var sut = factory.CreateClient();
        using var response = await sut.GetAsync("/rules");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task GetRules_ListsTheWholeCatalogue()
    {
        var json = await GetRulesAsync();

        var rules = json.GetProperty("rules");
        Assert.True(rules.GetArrayLength() >= 40, $"only {rules.GetArrayLength()} rules");
        Assert.Equal(RuleCatalog.All.Length, rules.GetArrayLength());
        Assert.Equal(rules.GetArrayLength(), json.GetProperty("count").GetInt32());
        Assert.Equal(RuleCatalog.All.Select(r => r.Id), rules.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task GetRules_EachRule_HasIdSeveritySourceAndPlatformsAsText()
    {
        var json = await GetRulesAsync();

        Assert.All(json.GetProperty("rules").EnumerateArray(), rule =>
        {
            Assert.Matches(KebabCase(), rule.GetProperty("id").GetString());
            Assert.Contains(rule.GetProperty("severity").GetString(), Severities);
            Assert.StartsWith("https://", rule.GetProperty("source").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("fix").GetString()));
            Assert.All(rule.GetProperty("platforms").EnumerateArray(), p => Assert.Equal(JsonValueKind.String, p.ValueKind));
        });
    }

    [Fact]
    public async Task GetRules_RobotsRule_SaysWhatItNeeds()
    {
        var json = await GetRulesAsync();

        var robots = json.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "robots-txt-blocked");
        Assert.Equal("RobotsTxt", robots.GetProperty("needs").GetString());
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
