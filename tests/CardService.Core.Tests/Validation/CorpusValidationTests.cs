using CardService.Core.Validation;

namespace CardService.Core.Tests.Validation;

/// <summary>The validator over the real page corpus: no exceptions, known rule ids, and expectations checked by reading the pages.</summary>
public class CorpusValidationTests
{
    [Fact]
    public void Validate_EveryCorpusPage_GivesKnownRulesAndAScore()
    {
        var cases = ValidationCorpus.Cases();
        Assert.True(cases.Count >= 80, $"expected the 86-page corpus, found {cases.Count} pages in {ValidationCorpus.PagesDirectory()}");

        foreach (var name in cases)
        {
            var sut = PageValidator.Validate(ValidationCorpus.Read(name), PageFacts.None);

            Assert.All(sut.Findings, f => Assert.True(RuleCatalog.Find(f.RuleId) is not null, $"{name}: unknown rule id {f.RuleId}"));
            Assert.InRange(sut.Score, 0, 100);
            Assert.Equal(sut.Findings.Count(f => f.GroupedUnder is null), sut.Counts.Errors + sut.Counts.Warnings + sut.Counts.Infos);
        }
    }

    [Fact]
    public void Validate_JekyllSharcAuthentication_FlagsEmptyImageAlt()
    {
        var sut = PageValidator.Validate(ValidationCorpus.Read("jekyll-sharc-authentication-system-design"), PageFacts.None);

        var finding = Assert.Single(sut.Findings, f => f.RuleId == "og-image-alt-empty");
        Assert.Equal(string.Empty, finding.Value);
        Assert.DoesNotContain(sut.Findings, f => f.RuleId == "og-image-alt-missing");
    }

    [Theory]
    [InlineData("jekyll-sharc-authentication-system-design", "http://localhost:4000/2024/03/01/authentication-system-design.html")]
    [InlineData("jekyll-sharc-defi", "http://localhost:4000/2023/01/23/defi.html")]
    [InlineData("jekyll-tijsboussier-uk-trip", "http://localhost:4000/2026/07/05/UK-Trip.html")]
    public void Validate_JekyllPageBuiltForLocalhost_FlagsLocalOgUrlAndPlainHttp(string name, string ogUrl)
    {
        var sut = PageValidator.Validate(ValidationCorpus.Read(name), PageFacts.None);

        Assert.Contains(sut.Findings, f => f.RuleId == "url-local" && f.Value == ogUrl && f.Message.StartsWith("og:url", StringComparison.Ordinal));
        Assert.Contains(sut.Findings, f => f.RuleId == "not-https");
        Assert.Equal(Verdict.Broken, sut.Platforms.Single(p => p.Platform == Platform.Facebook).Verdict);
    }

    [Fact]
    public void Validate_JekyllSeoTag28Page_NotesTwitterTagsWrittenWithProperty()
    {
        var sut = PageValidator.Validate(ValidationCorpus.Read("jekyll-sharc-defi"), PageFacts.None);

        Assert.Contains(sut.Findings, f => f.RuleId == "twitter-written-with-property");
        Assert.DoesNotContain(sut.Findings, f => f.RuleId is "twitter-card-missing" or "twitter-card-implicit");
    }

    [Fact]
    public void Validate_MetascraperSegment_ReadsValueTagsAndFlagsTheDescriptionWrittenAsCard()
    {
        var meta = ValidationCorpus.Read("metascraper-segment");

        var sut = PageValidator.Validate(meta, PageFacts.None);

        // twitter:title is written with value=, and twitter:card carries the site description (both seen by reading the page).
        Assert.Equal("Scaling NSQ to 750 Billion Messages", meta.Twitter.Title);
        var finding = Assert.Single(sut.Findings, f => f.RuleId == "twitter-card-invalid");
        Assert.StartsWith("Segment is the analytics API", finding.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(sut.Findings, f => f.RuleId is "twitter-card-missing" or "twitter-title-too-long");
    }

    [Fact]
    public void Validate_MetascraperSegmentAcademy_JudgesTheValueAttributeDescription()
    {
        var meta = ValidationCorpus.Read("metascraper-segment-academy");

        var sut = PageValidator.Validate(meta, PageFacts.None);

        Assert.StartsWith("When deciding whether to track users", meta.Twitter.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(sut.Findings, f => f.RuleId == "twitter-description-too-long");
    }

    [Theory]
    [InlineData("ogs-taobao", "gbk")] // declared at byte 149 437, past the decoder's prescan
    [InlineData("ogs-thinkgeek", "iso-8859-1")]
    [InlineData("ogs-darkreading", "iso-8859-1")]
    public void Validate_PageDeclaringLegacyCharsetButUtf8_FlagsCharsetMismatch(string name, string declared)
    {
        var sut = PageValidator.Validate(ValidationCorpus.Read(name), PageFacts.None);

        var finding = Assert.Single(sut.Findings, f => f.RuleId == "charset-mismatch");
        Assert.Equal(declared, finding.Value, ignoreCase: true);
    }

    [Fact]
    public void Validate_TaobaoCharsetAt149KB_FlagsLateDeclaration()
    {
        var sut = PageValidator.Validate(ValidationCorpus.Read("ogs-taobao"), PageFacts.None);

        Assert.Contains(sut.Findings, f => f.RuleId == "charset-late" && f.Value == "gbk");
    }

    [Fact]
    public void Validate_RealShiftJisPage_DoesNotFlagCharsetMismatch()
    {
        var sut = PageValidator.Validate(ValidationCorpus.Read("ogs-abehiroshi"), PageFacts.None);

        Assert.DoesNotContain(sut.Findings, f => f.RuleId == "charset-mismatch");
    }
}
