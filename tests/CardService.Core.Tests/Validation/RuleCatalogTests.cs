using System.Text.Json;
using System.Text.RegularExpressions;
using CardService.Core.Validation;

namespace CardService.Core.Tests.Validation;

public partial class RuleCatalogTests
{
    [Fact]
    public void All_Ids_AreUniqueKebabCase()
    {
        var sut = RuleCatalog.All;

        Assert.True(sut.Length >= 40, $"only {sut.Length} rules");
        Assert.Equal(sut.Length, sut.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(sut, d => Assert.Matches(KebabCase(), d.Id));
    }

    [Fact]
    public void All_Descriptors_HaveTitleFixPlatformsAndHttpsSource()
    {
        var sut = RuleCatalog.All;

        Assert.All(sut, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Title), d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Fix), d.Id);
            Assert.False(d.Platforms.IsDefaultOrEmpty, d.Id);
            Assert.StartsWith("https://", d.Source, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void All_IsOrderedById()
    {
        var sut = RuleCatalog.All.Select(d => d.Id).ToList();

        Assert.Equal(sut.Order(StringComparer.Ordinal), sut);
    }

    [Fact]
    public void Find_KnownAndUnknownIds_ReturnsDescriptorOrNull()
    {
        Assert.Equal(Severity.Error, RuleCatalog.Find("og-image-missing")!.Severity);
        Assert.Null(RuleCatalog.Find("no-such-rule"));
    }

    [Fact]
    public void All_SerialisedWithSystemTextJson_UsesStringEnums()
    {
        var json = JsonSerializer.Serialize(RuleCatalog.All);

        using var document = JsonDocument.Parse(json);
        var rule = document.RootElement.EnumerateArray().Single(e => e.GetProperty("Id").GetString() == "og-image-unreachable");
        Assert.Equal("Error", rule.GetProperty("Severity").GetString());
        Assert.Equal("ImageProbe", rule.GetProperty("Needs").GetString());
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)+$")]
    private static partial Regex KebabCase();
}
