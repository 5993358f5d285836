using System.Globalization;
using System.Net;
using CardService.Core.Tests.Fetching.Support;
using CardService.Core.Tests.Support;
using CardService.Functions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CardService.Benchmarks.Cards;

/// <summary>
/// <c>memory [--logos=10] [--specs=3200] [--rounds=3] [--concurrency=8] [--limit-mb=N] [--app=PATH] [--set Key=Value …]</c>: the built app as its own process
/// (with <c>--limit-mb</c>, inside a memory cgroup of that size, as <c>MemoryCeilingTests</c> runs it),
/// hit by bursts of cards with a 6000×6000 PNG logo and background (posted as <c>data:</c>, then fetched from a local server
/// on 127.0.0.2) and by rounds of seeded random specs, printing its VmRSS and VmHWM after each phase (one Markdown row each).
/// </summary>
internal static class MemoryBenchmark
{
    private const string ImageAddress = "127.0.0.2";

    public static async Task<int> RunAsync(string[] args)
    {
        var logos = Option(args, "logos", 10);
        var specs = Option(args, "specs", 3200);
        var rounds = Option(args, "rounds", 3);
        var concurrency = Option(args, "concurrency", 8);
        var appDll = args.FirstOrDefault(a => a.StartsWith("--app=", StringComparison.Ordinal))?["--app=".Length..] ?? DefaultApp();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["Fetch:AllowedPrivateNetworks:0"] = ImageAddress + "/32" };
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--set" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                settings[key] = value;
            }
        }

        var png = TestPictures.StripedPng(6000, 6000);
        await using var images = await LocalServer.StartAsync(ImageAddress, app => app.MapGet("/logo.png", () => Results.Bytes(png, "image/png")));
        var limitMb = Option(args, "limit-mb", 0);
        using var cgroup = limitMb > 0 ? MemoryCgroup.Create(limitMb * 1048576L) : null;
        await using var app = await AppProcess.StartAsync(appDll, "127.0.0.1", settings, cgroup);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"logo: 6000×6000 PNG, {png.Length} bytes; {(cgroup is null ? "no memory limit" : $"in a {limitMb} MB memory cgroup")}; settings: {string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))}"));
        Console.WriteLine("| phase | answers | VmRSS MB | VmHWM MB | anonymous+shmem now MB | anonymous+shmem peak in phase MB |");
        Console.WriteLine("|---|---|---|---|---|---|");
        await Row(app, "started", () => Task.FromResult<HttpStatusCode[]>([]));
        await Row(app, $"{logos} concurrent, logo+background as data:", () => MemoryLoad.LogoBurstAsync(app.Client, TestPictures.DataUri(png), logos, "data"));
        await Row(app, $"{logos} concurrent, logo+background by URL", () => MemoryLoad.LogoBurstAsync(app.Client, images.Url("/logo.png").AbsoluteUri, logos, "url"));
        for (var round = 1; round <= rounds; round++)
        {
            var seed = round;
            await Row(app, $"round {round}: {specs} random specs, {concurrency} at a time", () => MemoryLoad.RandomSpecsAsync(app.Client, specs, concurrency, seed));
        }

        if (cgroup is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the group's peak charge {cgroup.PeakBytes / 1048576} MB; OOM kills {cgroup.OomKills}"));
        }

        return 0;
    }

    private static async Task Row(AppProcess app, string phase, Func<Task<HttpStatusCode[]>> load)
    {
        HttpStatusCode[] statuses;
        long peak;
        await using (var watch = new UnreclaimablePeak(app.Id))
        {
            statuses = await load();
            peak = watch.PeakBytes;
        }

        var memory = app.Memory();
        var answers = string.Join(" ", statuses.GroupBy(s => (int)s).OrderBy(g => g.Key).Select(g => $"{g.Count()}×{g.Key}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {phase} | {answers} | {memory.ResidentBytes / 1048576} | {memory.PeakResidentBytes / 1048576} | {memory.UnreclaimableBytes / 1048576} | {peak / 1048576} |"));
    }

    private static int Option(string[] args, string name, int fallback) =>
        args.FirstOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal)) is { } arg
            ? int.Parse(arg[(name.Length + 3)..], CultureInfo.InvariantCulture)
            : fallback;

    private static string DefaultApp()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CardService.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? ".", "src", "CardService.Functions", "bin", "Release", "net10.0", "linux-x64", "CardService.Functions.dll");
    }
}
