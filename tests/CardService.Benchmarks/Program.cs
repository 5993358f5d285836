using BenchmarkDotNet.Running;
using CardService.Benchmarks;

// `cards …` and `meta …` print one JSON line each, like the peer scripts; anything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "cards" => CardBenchmark.Run(args[1..]),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(CardBenchmark).Assembly).Run(args);
    return 0;
}
