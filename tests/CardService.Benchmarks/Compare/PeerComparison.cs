using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CardService.Benchmarks.Compare;

/// <summary>
/// <c>compare [--rounds=3] [--peers=DIR] [--cold-exe=PATH]</c>: runs our benchmarks and the peers' scripts in the same
/// session, alternating them round by round so machine load falls on both, and prints a Markdown table of medians and
/// ratios. Each measurement is its own process, so peak RSS is per job. Every engine gets the same warm-up, the first card
/// is timed from outside (spawn to exit) for all, and PNG sizes are also compared with one encoder for both sides'
/// pixels (<see cref="SameEncoderSizes"/>). These machines drift: only the ratios carry.
/// </summary>
internal static class PeerComparison
{
    /// <summary>Warm-up cards before the timed ones, the same for every engine (JIT tiers and V8 both need it).</summary>
    private const int Warmup = 300;
    private const string Measured = "300";
    private const string SpawnToExit = "spawn_to_exit_ms";

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = Option(args, "rounds", "3", int.Parse);
        var peers = Option(args, "peers", Environment.GetEnvironmentVariable("PEERS_DIR") ?? Path.Combine(Path.GetTempPath(), "cardservice-peers"), s => s);
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell where this benchmark runs from.");
        var coldExe = Option(args, "cold-exe", self, s => s);
        var scripts = FindSharedPeers();
        if (!Directory.Exists(Path.Combine(peers, "node_modules")))
        {
            Console.Error.WriteLine($"error: the peers are not installed in {peers}; run {Path.Combine(scripts, "install.sh")} (PEERS_DIR={peers}) first.");
            return 2;
        }

        var card = Path.Combine(scripts, "peer-card.mjs");
        var warmup = $"--warmup={Warmup}";
        var jobs = new Job[]
        {
            new("cardservice", "throughput", self, ["cards", Measured, warmup]),
            new("@vercel/og", "throughput", "node", [card, Measured, warmup, "--engine=vercel-og", "--font=dejavu", "--yield", $"--peers={peers}"]),
            new("satori + resvg-js", "throughput", "node", [card, Measured, warmup, "--engine=satori", "--font=dejavu", "--yield", $"--peers={peers}"]),
            new("cardservice", "cold", coldExe, ["cards", "--cold"]),
            new("@vercel/og", "cold", "node", [card, "--cold", "--engine=vercel-og", "--font=dejavu", $"--peers={peers}"]),
            new("satori + resvg-js", "cold", "node", [card, "--cold", "--engine=satori", "--font=dejavu", $"--peers={peers}"]),
        };

        var results = jobs.ToDictionary(j => j, _ => new List<JobResult>());
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var job in jobs)
            {
                Console.Error.WriteLine($"round {round}/{rounds}: {job.Engine} {job.Kind}");
                results[job].Add(await RunJobAsync(job));
            }
        }

        Console.Error.WriteLine($"same-encoder sizes: cards 0-{SameEncoderSizes.Cards - 1} from each engine");
        var sizes = await SameEncoderSizes.MeasureAsync(self, card, peers, RunJobAsync);
        Console.WriteLine(Table(results, rounds));
        Console.WriteLine(sizes);
        return 0;
    }

    private static string Table(Dictionary<Job, List<JobResult>> results, int rounds)
    {
        double Median(Job job, string field) =>
            results[job].Select(r => r.Value(field)).Order().ElementAt(results[job].Count / 2);

        var vercel = results.Keys.First(j => j is { Engine: "@vercel/og", Kind: "throughput" });
        var vercelCold = results.Keys.First(j => j is { Engine: "@vercel/og", Kind: "cold" });
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine(c, $"Medians of {rounds} rounds, one process per measurement, alternating engines; every engine renders {Warmup} warm-up cards before the {Measured} timed ones.").AppendLine();
        md.AppendLine("| engine | cards/s (1 thread) | × @vercel/og | mean PNG bytes (own encoder) | × @vercel/og | peak RSS MB | × @vercel/og |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var job in results.Keys.Where(j => j.Kind == "throughput"))
        {
            md.AppendLine(c, $"| {job.Engine} | {Median(job, "cards_per_s"):F1} | {Median(job, "cards_per_s") / Median(vercel, "cards_per_s"):F2} | {Median(job, "mean_png_bytes"):F0} | {Median(job, "mean_png_bytes") / Median(vercel, "mean_png_bytes"):F2} | {Median(job, "max_rss_mb"):F1} | {Median(job, "max_rss_mb") / Median(vercel, "max_rss_mb"):F2} |");
        }

        // Spawn to exit is what a user waits for and is measured the same way for every engine; each process's own clock
        // (from its start to PNG bytes in hand) leaves out runtime start-up and exit, which differ between .NET and Node.
        md.AppendLine().AppendLine("| engine | first card, spawn to exit, ms | × @vercel/og | own clock, start to PNG, ms | peak RSS MB |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var job in results.Keys.Where(j => j.Kind == "cold"))
        {
            md.AppendLine(c, $"| {job.Engine} | {Median(job, SpawnToExit):F0} | {Median(job, SpawnToExit) / Median(vercelCold, SpawnToExit):F2} | {Median(job, "first_card_ms"):F0} | {Median(job, "max_rss_mb"):F1} |");
        }

        return md.ToString();
    }

    /// <summary>Runs one measurement as its own process; its JSON line, plus the wall time from spawn to exit seen from here.</summary>
    internal static async Task<JobResult> RunJobAsync(Job job)
    {
        var start = new ProcessStartInfo(job.Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        job.Arguments.ForEach(start.ArgumentList.Add);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {job.Executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wallMs = clock.Elapsed.TotalMilliseconds;
        var line = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"{job.Engine} {job.Kind} failed (exit {process.ExitCode}): {await stderr}");
        }

        return new JobResult(JsonDocument.Parse(line).RootElement.Clone(), wallMs);
    }

    /// <summary><c>../shared/peers</c> beside the repository: walking up to <c>CardService.sln</c> from the binary, else from the working directory.</summary>
    private static string FindSharedPeers()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CardService.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "peers"));
                }
            }
        }

        throw new DirectoryNotFoundException($"No CardService.sln above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}: run from the repository.");
    }

    private static T Option<T>(string[] args, string name, string fallback, Func<string, T> parse) =>
        parse(args.FirstOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..] ?? fallback);

    internal sealed record Job(string Engine, string Kind, string Executable, List<string> Arguments);

    /// <summary>A measurement's JSON line and its spawn-to-exit time (field <see cref="SpawnToExit"/>).</summary>
    internal sealed record JobResult(JsonElement Json, double WallMs)
    {
        public double Value(string field) =>
            field == SpawnToExit ? WallMs : Json.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
    }
}
