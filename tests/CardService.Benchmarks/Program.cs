using BenchmarkDotNet.Running;
using CardService.Benchmarks;
using CardService.Benchmarks.Compare;

// `cards …` prints one JSON line, `compare` a Markdown table against the peers, like the peer scripts; anything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "cards" => CardBenchmark.Run(args[1..]),
    "compare" => await PeerComparison.RunAsync(args[1..]),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(CardBenchmark).Assembly).Run(args);
    return 0;
}
