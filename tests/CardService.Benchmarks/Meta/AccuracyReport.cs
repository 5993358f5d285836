using CardService.Core.Tests.Meta.Corpus;

namespace CardService.Benchmarks.Meta;

/// <summary><c>accuracy [OUT.md]</c>: prints (or writes) the corpus accuracy table and the disagreements as Markdown.</summary>
public static class AccuracyReport
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var results = CorpusAccuracy.Run(CorpusLocator.PagesDirectory());
        var text = CorpusAccuracy.Table(results) + Environment.NewLine + CorpusAccuracy.Disagreements(results);
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
