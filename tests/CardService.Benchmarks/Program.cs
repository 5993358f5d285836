using BenchmarkDotNet.Running;
using CardService.Benchmarks.Meta;

return args.FirstOrDefault() switch
{
    "meta" => await MetaBenchmark.RunAsync(args[1..]),
    "accuracy" => await AccuracyReport.RunAsync(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
