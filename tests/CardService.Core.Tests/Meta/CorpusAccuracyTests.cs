using CardService.Core.Tests.Meta.Corpus;
using Xunit.Abstractions;

namespace CardService.Core.Tests.Meta;

/// <summary>The reader against every <c>.expected.json</c> in <c>../shared/corpus/pages</c>.</summary>
public sealed class CorpusAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Read_CorpusPages_AgreesWithExpectedOnAtLeastNinetyPercentPerGatedField()
    {
        var sut = CorpusAccuracy.Run(CorpusLocator.PagesDirectory());
        output.WriteLine(CorpusAccuracy.Table(sut));
        output.WriteLine(CorpusAccuracy.Disagreements(sut));

        Assert.NotEmpty(sut);
        foreach (var field in CorpusAccuracy.GatedFields)
        {
            var share = CorpusAccuracy.Agreement(sut.Where(r => r.Field == field));
            Assert.True(share >= 0.90, $"{field}: {share:P1} agree with the corpus, below 90%.");
        }
    }

    [Fact]
    public void PagesDirectory_NoSolutionAbove_ThrowsSayingWhereItLooked()
    {
        var start = Path.GetTempPath();

        var exception = Assert.Throws<DirectoryNotFoundException>(() => CorpusLocator.PagesDirectory(start));

        Assert.Contains(start.TrimEnd('/'), exception.Message, StringComparison.Ordinal);
    }
}
