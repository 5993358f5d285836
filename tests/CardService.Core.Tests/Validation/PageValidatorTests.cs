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
    public void Validate_NumericHostsNotDottedDecimal_ReportsEachAsAnInvalidHostNotALocalUrl()
    {
        var sut = PageValidator.Validate(ValidationFixtures.Read("numeric-hosts.html"), PageFacts.None);

        var findings = sut.Findings.Where(f => f.RuleId == "url-host-invalid").ToList();
        Assert.Equal(["//10.1/post", "http://0x7f.1/post", "http://2130706433/card.png"], findings.Select(f => f.Value).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(sut.Findings, f => f.RuleId == "url-local");
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

    // Every tag whose text a rule may quote, each written twice where a rule quotes duplicates.
    private static readonly string[] HugeTextTags =
    [
            "<title>{0}</title>", "<title>{0}</title>", "<meta name=\"description\" content=\"{0}\">", "<meta name=\"robots\" content=\"noindex, {0}\">",
            "<meta property=\"og:title\" content=\"{0}\">", "<meta property=\"og:title\" content=\"{0}\">", "<meta property=\"og:type\" content=\"{0}\">",
            "<meta property=\"og:locale\" content=\"{0}\">", "<meta property=\"og:description\" content=\"{0}\">", "<meta property=\"og:image:alt\" content=\"{0}\">",
            "<meta name=\"twitter:card\" content=\"{0}\">", "<meta name=\"twitter:card\" content=\"{0}\">", "<meta name=\"twitter:title\" content=\"{0}\">",
            "<meta name=\"twitter:description\" content=\"{0}\">", "<meta name=\"twitter:image:alt\" content=\"{0}\">",
            "<meta property=\"article:published_time\" content=\"{0}\">"
    ];

    private static readonly Uri LocalPage = new("http://localhost:4000/2024/03/01/post.html");

    private static readonly Uri LocalImage = new("http://127.0.0.1:4000/seo/card.png");

    private static Verdict VerdictOf(PageReport report, Platform platform) => report.Platforms.Single(p => p.Platform == platform).Verdict;

    [Fact]
    public void Validate_LocalBuildWithUnreachableLocalImage_GroupsEverySymptomUnderOneUrlLocalError()
    {
        var meta = ValidationFixtures.Read("local-urls.html", pageUrl: LocalPage);
        var facts = ValidationFixtures.Good with
        {
            Images = [new ImageFacts(LocalImage, null, null, null, null, null, null, "127.0.0.1 is a loopback address")],
        };

        var sut = PageValidator.Validate(meta, facts);

        var group = sut.Findings.Where(f => f.RuleId is "url-local" || f.GroupedUnder == "url-local").ToList();
        Assert.Equal(4, group.Count); // og:url, og:image, canonical and the unreachable og:image
        var root = Assert.Single(group, f => f.GroupedUnder is null);
        Assert.Equal("url-local", root.RuleId);
        Assert.Equal("url-local", Assert.Single(sut.Findings, f => f.RuleId == "og-image-unreachable").GroupedUnder);
        Assert.Equal(sut.Findings.Count(f => f.Severity == Severity.Error && f.GroupedUnder is null), sut.Counts.Errors);
        Assert.Equal<Platform>([Platform.Facebook, Platform.X, Platform.LinkedIn, Platform.Slack, Platform.Discord, Platform.Google, Platform.IMessage, Platform.WhatsApp], root.Platforms);
        Assert.All(sut.Platforms, p => Assert.DoesNotContain("og-image-unreachable", p.RuleIds));
        Assert.Contains("url-local", sut.Platforms.Single(p => p.Platform == Platform.Google).RuleIds);
        var rootAt = sut.Findings.IndexOf(root);
        Assert.Equal(group.Where(f => f != root), sut.Findings.Skip(rootAt + 1).Take(3)); // the group follows its root
        Assert.Contains("3 more findings below", root.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LocalBuildWithBrokenLocalIcons_GroupsOnlyTheUnreachableIconUnderUrlLocal()
    {
        var html = "<html><head><title>Post</title><meta property=\"og:url\" content=\"http://localhost:4000/post\">"
            + "<link rel=\"icon\" href=\"http://localhost:4000/favicon.png\"><link rel=\"apple-touch-icon\" href=\"http://localhost:4000/touch.png\"></head></html>";
        var meta = CardService.Core.Meta.MetaReader.Read(html, LocalPage);
        var facts = PageFacts.None with
        {
            Images =
            [
                new ImageFacts(new Uri("http://localhost:4000/favicon.png"), null, null, null, null, null, null, "localhost is a loopback address"),
                new ImageFacts(new Uri("http://localhost:4000/touch.png"), 200, "text/html", 512, null, null, null, null),
            ],
        };

        var sut = PageValidator.Validate(meta, facts);

        // An icon that cannot be fetched from localhost is one more symptom of the local build; one that is not an image is a mistake of its own.
        Assert.Equal("url-local", Assert.Single(sut.Findings, f => f.RuleId == "icon-unreachable").GroupedUnder);
        Assert.Null(Assert.Single(sut.Findings, f => f.RuleId == "icon-not-image").GroupedUnder);
    }

    [Fact]
    public void Validate_OnlyTheCanonicalIsLocal_BreaksGoogleAlone()
    {
        var html = "<html><head><title>Post</title><meta property=\"og:title\" content=\"Post\"><meta property=\"og:description\" content=\"About it.\">"
            + "<link rel=\"canonical\" href=\"http://localhost:4000/post\"></head></html>";
        var meta = CardService.Core.Meta.MetaReader.Read(html, ValidationFixtures.PageUrl);

        var sut = PageValidator.Validate(meta, PageFacts.None);

        var finding = Assert.Single(sut.Findings, f => f.RuleId == "url-local");
        Assert.Equal<Platform>([Platform.Google], finding.Platforms);
        Assert.Equal(Verdict.Broken, VerdictOf(sut, Platform.Google));
        Assert.DoesNotContain("url-local", sut.Platforms.Single(p => p.Platform == Platform.Slack).RuleIds);
    }

    [Fact]
    public void Validate_OgImageAnswers404_BreaksThePlatformsShowingItButNotGoogle()
    {
        var sut = PageValidator.Validate(ValidationFixtures.Read("good.html"), ValidationFixtures.Facts["image-404"]);

        var finding = Assert.Single(sut.Findings, f => f.RuleId == "og-image-unreachable");
        Assert.DoesNotContain(Platform.Google, finding.Platforms);
        Assert.DoesNotContain(Platform.All, finding.Platforms);
        Assert.Equal(Verdict.Ok, VerdictOf(sut, Platform.Google));
        Assert.Equal(Verdict.Broken, VerdictOf(sut, Platform.Facebook));
        Assert.Equal(Verdict.Broken, VerdictOf(sut, Platform.Slack)); // twitter:image is the same image
    }

    [Fact]
    public void Validate_OgImage404WithItsOwnTwitterImage_LeavesXAndSlackAlone()
    {
        var sut = PageValidator.Validate(ValidationFixtures.Read("twitter-own-image.html"), ValidationFixtures.Facts["image-404"]);

        var finding = Assert.Single(sut.Findings, f => f.RuleId == "og-image-unreachable");
        Assert.Equal<Platform>([Platform.Facebook, Platform.LinkedIn, Platform.Discord, Platform.IMessage, Platform.WhatsApp], finding.Platforms);
        Assert.DoesNotContain("og-image-unreachable", sut.Platforms.Single(p => p.Platform == Platform.X).RuleIds);
        Assert.DoesNotContain("og-image-unreachable", sut.Platforms.Single(p => p.Platform == Platform.Slack).RuleIds);
    }

    [Fact]
    public void Validate_PageWithOnlyATitle_DoesNotBreakDiscord()
    {
        var meta = CardService.Core.Meta.MetaReader.Read("<html><head><title>A post about cards</title></head></html>", ValidationFixtures.PageUrl);

        var sut = PageValidator.Validate(meta, PageFacts.None);

        Assert.DoesNotContain(sut.Findings, f => f.RuleId == "discord-no-title-or-description");
        Assert.NotEqual(Verdict.Broken, VerdictOf(sut, Platform.Discord));
    }

    [Fact]
    public void Validate_HugePageTexts_QuoteAtMostAShortExcerpt()
    {
        var huge = string.Concat(Enumerable.Repeat("Very long words 🙂 ", 400));
        var tags = string.Concat(HugeTextTags.Select(t => t.Replace("{0}", huge, StringComparison.Ordinal)));
        var meta = CardService.Core.Meta.MetaReader.Read($"<html lang=\"{huge}\"><head>{tags}</head></html>", ValidationFixtures.PageUrl);

        var sut = PageValidator.Validate(meta, PageFacts.None);

        Assert.True(sut.Findings.Length > 10, "the page should give many findings");
        Assert.All(sut.Findings, f =>
        {
            Assert.True(f.Value is null || new System.Globalization.StringInfo(f.Value).LengthInTextElements <= Excerpt.MaxTextElements + 1, $"{f.RuleId} value: {f.Value?.Length}");
            Assert.True(f.Message.Length < 600, $"{f.RuleId} message: {f.Message.Length}");
        });
    }
}
