using CardService.Cli.SiteCards;

namespace CardService.Cli.Tests.SiteCards;

/// <summary><see cref="SiteCardMaker"/> called as a library, the way a test or another tool drives it without a process.</summary>
public sealed class SiteCardMakerTests : IDisposable
{
    private readonly DirectoryInfo _site = Directory.CreateTempSubdirectory("cardservice-maker-");

    public void Dispose() => _site.Delete(recursive: true);

    private sealed class Recorder : ISiteCardProgress
    {
        public int Planned { get; private set; }
        public List<CardOutcome> Done { get; } = [];

        void ISiteCardProgress.Planned(int cardsToMake) => Planned = cardsToMake;

        void ISiteCardProgress.Done(CardOutcome outcome) => Done.Add(outcome);
    }

    [Fact]
    public async Task MakeAsync_EleventySite_MakesEachPostsCardAndReportsThem()
    {
        await File.WriteAllTextAsync(Path.Combine(_site.FullName, "eleventy.config.js"), "export default {};\n");
        Directory.CreateDirectory(Path.Combine(_site.FullName, "posts"));
        Directory.CreateDirectory(Path.Combine(_site.FullName, "node_modules", "pkg"));
        await File.WriteAllTextAsync(Path.Combine(_site.FullName, "posts", "hello.md"), "---\ntitle: Hello\ndate: 2024-01-01\n---\n");
        await File.WriteAllTextAsync(Path.Combine(_site.FullName, "posts", "undated.md"), "---\ntitle: No date\n---\n");
        await File.WriteAllTextAsync(Path.Combine(_site.FullName, "node_modules", "pkg", "README.md"), "---\ntitle: Not a post\n---\n");
        var progress = new Recorder();

        var report = await new SiteCardMaker(new SiteCardOptions { SiteRoot = _site.FullName, Jobs = 2 }).MakeAsync(progress);

        Assert.Equal(SiteGenerator.Eleventy, report.Generator);
        Assert.Equal(["seo/2024-01-01.png", "seo/undated.png"], report.Cards.Select(c => c.Path));
        Assert.All(report.Cards, c => Assert.Equal(CardStatus.Made, c.Status));
        Assert.Equal(2, progress.Planned);
        Assert.Equal(2, progress.Done.Count);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public async Task MakeAsync_NoSite_IsAConfigurationError()
    {
        var report = await new SiteCardMaker(new SiteCardOptions { SiteRoot = _site.FullName }).MakeAsync();

        Assert.True(report.ConfigurationError);
        Assert.Contains("--glob", Assert.Single(report.Problems).Message, StringComparison.Ordinal);
    }
}
