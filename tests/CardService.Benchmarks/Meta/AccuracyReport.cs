using CardService.Core.Tests.Meta.Corpus;

namespace CardService.Benchmarks.Meta;

/// <summary><c>accuracy [OUT.md]</c>: prints (or writes) the corpus accuracy tables (per kind, and best values alone) and their disagreements as Markdown.</summary>
public static class AccuracyReport
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var pages = CorpusLocator.PagesDirectory();
        var results = CorpusAccuracy.Run(pages);
        var best = CorpusAccuracy.RunBest(pages);
        var text = CorpusAccuracy.Table(results) + Environment.NewLine + CorpusAccuracy.Disagreements(results)
            + Environment.NewLine + "## best values alone" + Environment.NewLine + Environment.NewLine
            + CorpusAccuracy.BestTable(best) + Environment.NewLine + CorpusAccuracy.Disagreements(best);
        if (args.Length > 0)
        {
            await File.WriteAllTextAsync(args[0], text);
        }
        else
        {
            Console.WriteLine(text);
        }

        return 0;
    }
}
