using System.Text.Json;
using CardService.Core.Validation;

namespace CardService.Core.Tests.Validation;

public class PageValidatorTests
{
    [Fact]
    public void Validate_GoodJekyllPageWithGoodFacts_HasNoErrorsOrWarningsAndScoresAtLeast95()
    {
        var sut = PageValidator.Validate(ValidationFixtures.Read("good.html"), ValidationFixtures.Good);

        Assert.Equal(0, sut.Counts.Errors);
        Assert.Equal(0, sut.Counts.Warnings);
        Assert.True(sut.Score >= 95, $"score {sut.Score}: {string.Join(", ", sut.Findings.Select(f => f.RuleId))}");
        Assert.All(sut.Platforms, p => Assert.Equal(Verdict.Ok, p.Verdict));
        Assert.Empty(sut.NotChecked);
    }

    [Fact]
    public void Validate_PostedHtmlWithoutFacts_ListsFactRulesAsNotCheckedInsteadOfGuessing()
    {
        var meta = CardService.Core.Meta.MetaReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Validation", "Fixtures", "good.html")), ValidationFixtures.PageUrl);

        var sut = PageValidator.Validate(meta, PageFacts.None);

        Assert.Contains("og-image-unreachable", sut.NotChecked);
        Assert.Contains("http-status-error", sut.NotChecked);
        Assert.Contains("robots-txt-blocked", sut.NotChecked);
        Assert.Contains("charset-missing", sut.NotChecked);
        Assert.Contains("html-truncated", sut.NotChecked);
        Assert.DoesNotContain("og-title-missing", sut.NotChecked);
        Assert.Empty(sut.Findings);
    }

    [Fact]
    public void Validate_BarePage_OrdersFindingsBySeverityThenId()
    {
        var sut = PageValidator.Validate(ValidationFixtures.Read("bare.html"), ValidationFixtures.Good);

        var expected = sut.Findings.OrderBy(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, sut.Findings);
        Assert.Equal(Severity.Error, sut.Findings[0].Severity);
        Assert.Equal(Severity.Info, sut.Findings[^1].Severity);
    }

    [Fact]
    public void Validate_RobotsTxtBlocksTwitterbot_BreaksOnlyX()
    {
        var sut = PageValidator.Validate(ValidationFixtures.Read("good.html"), ValidationFixtures.Facts["robots-blocks-x"]);

        var finding = Assert.Single(sut.Findings, f => f.RuleId == "robots-txt-blocked");
        Assert.Equal(Platform.X, Assert.Single(finding.Platforms));
        Assert.Equal("Twitterbot", finding.Value);
        Assert.Equal(Verdict.Broken, sut.Platforms.Single(p => p.Platform == Platform.X).Verdict);
        Assert.Equal(Verdict.Ok, sut.Platforms.Single(p => p.Platform == Platform.Facebook).Verdict);
    }

    [Fact]
    public void Validate_SmallCardImage_DegradesFacebookWithTheSizeInTheMessage()
    {
        var sut = PageValidator.Validate(ValidationFixtures.Read("good.html"), ValidationFixtures.Facts["image-400x300"]);

        var finding = Assert.Single(sut.Findings, f => f.RuleId == "og-image-small-card");
        Assert.Equal("400×300", finding.Value);
        Assert.Contains("400×300", finding.Message, StringComparison.Ordinal);
        Assert.Equal(Verdict.Degraded, sut.Platforms.Single(p => p.Platform == Platform.Facebook).Verdict);
        Assert.Contains("og-image-small-card", sut.Platforms.Single(p => p.Platform == Platform.Facebook).RuleIds);
    }

    [Fact]
    public void Validate_XLargeImageAt191To1_SaysWhatXWants()
    {
        var sut = PageValidator.Validate(ValidationFixtures.Read("good.html"), ValidationFixtures.Facts["image-800x418"]);

        var finding = Assert.Single(sut.Findings, f => f.RuleId == "twitter-large-image-aspect");
        Assert.Equal("The card image is 800×418 (1.91:1); X's summary_large_image wants 2:1 and at least 300×157", finding.Message);
    }

    [Fact]
    public void Validate_LongTwitterTitle_CountsCharacters()
    {
        var sut = PageValidator.Validate(ValidationFixtures.Read("twitter-problems.html"), PageFacts.None);

        var finding = Assert.Single(sut.Findings, f => f.RuleId == "twitter-title-too-long");
        Assert.Equal($"twitter:title is {finding.Value!.Length} characters; X cuts it at 70", finding.Message);
        Assert.True(finding.Value.Length > 70);
    }

    [Fact]
    public void Validate_SeveralTwitterCards_SaysTheLastOneWins()
    {
        var sut = PageValidator.Validate(ValidationFixtures.Read("twitter-problems.html"), PageFacts.None);

        var finding = Assert.Single(sut.Findings, f => f.RuleId == "twitter-card-multiple");
        Assert.EndsWith("X uses the last: photo", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FindingCarriesItsDescriptorsFixAndSource()
    {
        var sut = PageValidator.Validate(ValidationFixtures.Read("bare.html"), PageFacts.None);

        Assert.All(sut.Findings, f =>
        {
            var descriptor = RuleCatalog.Find(f.RuleId)!;
            Assert.Equal(descriptor.Severity, f.Severity);
            Assert.Equal(descriptor.Fix, f.Fix);
            Assert.Equal(descriptor.Source, f.Source);
        });
    }

    [Fact]
    public void Report_SerialisedWithSystemTextJson_UsesStringEnums()
    {
        var sut = PageValidator.Validate(ValidationFixtures.Read("bare.html"), ValidationFixtures.Good);

        var json = JsonSerializer.Serialize(sut);

        using var document = JsonDocument.Parse(json);
        var first = document.RootElement.GetProperty("Findings")[0];
        Assert.Equal("Error", first.GetProperty("Severity").GetString());
        Assert.Equal(JsonValueKind.String, first.GetProperty("Platforms")[0].ValueKind);
        Assert.Contains("\"iMessage\"", json, StringComparison.Ordinal);
        Assert.Equal(sut.Score, document.RootElement.GetProperty("Score").GetInt32());
    }

    [Theory]
    [InlineData(0, 0, 0, 100)]
    [InlineData(1, 0, 0, 88)]
    [InlineData(0, 3, 0, 88)]
    [InlineData(0, 20, 0, 60)]
    [InlineData(0, 0, 3, 97)]
    [InlineData(0, 0, 50, 95)]
    [InlineData(2, 2, 2, 66)]
    [InlineData(9, 0, 0, 0)]
    public void ComputeScore_Counts_FollowsTheDocumentedFormula(int errors, int warnings, int infos, int expected)
    {
        var sut = PageValidator.ComputeScore(new SeverityCounts(errors, warnings, infos));

        Assert.Equal(expected, sut);
    }

    [Fact]
    public void Validate_NullArguments_Throw()
    {
        var meta = ValidationFixtures.Read("bare.html");

        Assert.Throws<ArgumentNullException>(() => PageValidator.Validate(null!, PageFacts.None));
        Assert.Throws<ArgumentNullException>(() => PageValidator.Validate(meta, null!));
    }
}
