using BenchmarkDotNet.Running;
using CardService.Benchmarks;
using CardService.Benchmarks.Cards;
using CardService.Benchmarks.Compare;
using CardService.Benchmarks.Gallery;
using CardService.Benchmarks.Meta;

// `memory` prints the app's RSS after bursts of huge logos and random cards; `cards …` and `meta …` print one JSON line each, like the peer scripts; `compare` runs ours and the peers side by
// side and prints Markdown; `accuracy` writes the corpus agreement table. Anything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "cards" => CardBenchmark.Run(args[1..]),
    "memory" => await MemoryBenchmark.RunAsync(args[1..]),
    "meta" => await MetaBenchmark.RunAsync(args[1..]),
    "compare" => await PeerComparison.RunAsync(args[1..]),
    "accuracy" => await AccuracyReport.RunAsync(args[1..]),
    "gallery" => CardGallery.Run(args[1..]),
    "templates" => TemplateBenchmark.Run(args[1..]),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(CardBenchmark).Assembly).Run(args);
    return 0;
}
