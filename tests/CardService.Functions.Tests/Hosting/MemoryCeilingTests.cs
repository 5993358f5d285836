using System.Net;
using CardService.Core.Tests.Fetching.Support;
using CardService.Core.Tests.Support;
using CardService.Functions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace CardService.Functions.Tests.Hosting;

/// <summary>
/// The app, as its own process inside a real memory cgroup (the limit a container runs under, enforced by the kernel),
/// draws cards whose logo and background are a 6000×6000 PNG (posted as data: and fetched from 127.0.0.2), then a few
/// hundred random cards (every size up to 2400×2400, format and script), 32 in flight: with the settings the Helm chart
/// gives its 256 MB pods (read from its values.yaml), in 256 MB; with no settings at all, in a 512 MB Flex Consumption
/// instance. The app runs from a copy of itself and the .NET runtime made inside the group
/// (<see cref="MemoryCgroup.StartIn"/>), so the pages it runs from count against the limit as in a container. Every card
/// is drawn and the kernel never has to kill the app. Nothing is timed. docs/PERFORMANCE.md#memory has the breakdown.
/// </summary>
public class MemoryCeilingTests(ITestOutputHelper output)
{
    private const long PodBytes = 256L * 1024 * 1024;
    private const long FlexBytes = 512L * 1024 * 1024;

    /// <summary>
    /// What the group does not pay for: the system's own libraries (libc, libstdc++, ICU, OpenSSL; ≈ 12.5 MB resident in the
    /// app) are not copied into it, so their pages are charged to whoever read them first. The pod test's group is smaller
    /// by this much, so that what it holds is what a 256 MB pod would.
    /// </summary>
    private const long SystemLibrariesBytes = 16L * 1024 * 1024;

    private const string ImageAddress = "127.0.0.2";

    [Fact]
    public async Task App_ChartSettings_LiveInA256MbPodUnderHugeLogosAndRandomCards()
    {
        var run = await DrawUnderLimitAsync(PodBytes - SystemLibrariesBytes, ChartSettings());
        output.WriteLine(run.Summary);
    }

    [Fact]
    public async Task App_Defaults_LiveInA512MbFlexInstanceUnderHugeLogosAndRandomCards()
    {
        var run = await DrawUnderLimitAsync(FlexBytes, new Dictionary<string, string>());
        output.WriteLine(run.Summary);
    }

    /// <summary>
    /// Draws the huge-logo bursts and the random cards with the app in a cgroup of <paramref name="limitBytes"/>; asserts every
    /// card was drawn and the kernel never killed the app.
    /// </summary>
    private static async Task<MemoryRun> DrawUnderLimitAsync(long limitBytes, IReadOnlyDictionary<string, string> appSettings)
    {
        var png = TestPictures.StripedPng(6000, 6000);
        await using var images = await LocalServer.StartAsync(ImageAddress, app => app.MapGet("/logo.png", () => Results.Bytes(png, "image/png")));
        var settings = new Dictionary<string, string>(appSettings) { ["Fetch:AllowedPrivateNetworks:0"] = ImageAddress + "/32" };
        using var cgroup = MemoryCgroup.Create(limitBytes);
        await using var sut = await AppProcess.StartAsync(AppProcess.BuiltAppDll, "127.0.0.1", settings, cgroup);

        HttpStatusCode[] answers = [];
        long unreclaimablePeak;
        await using (var watch = new UnreclaimablePeak(sut.Id))
        {
            try
            {
                answers = [
                    .. await MemoryLoad.LogoBurstAsync(sut.Client, TestPictures.DataUri(png), 10, "data"),
                    .. await MemoryLoad.LogoBurstAsync(sut.Client, images.Url("/logo.png").AbsoluteUri, 10, "url"),
                    .. await MemoryLoad.RandomSpecsAsync(sut.Client, 200, 32, seed: 7),
                ];
            }
            catch (HttpRequestException) when (sut.HasExited)
            {
                // Killed mid-run: the assertion below says by whom.
            }

            unreclaimablePeak = watch.PeakBytes;
        }

        var run = new MemoryRun(limitBytes, sut.HasExited ? null : sut.Memory(), unreclaimablePeak, cgroup.PeakBytes, cgroup.OomKills, sut.Output);
        Assert.True(run.OomKills == 0 && run.Process is not null, $"{run}; the kernel killed the app for holding more than its limit.");
        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        return run;
    }

    /// <summary>The app settings the Helm chart gives every pod: the <c>settings:</c> map of its values.yaml (plain <c>Key: "value"</c> lines).</summary>
    private static Dictionary<string, string> ChartSettings()
    {
        var values = File.ReadAllLines(Path.Combine(RepoPaths.Root, "infra", "helm", "cardservice", "values.yaml"));
        var settings = values
            .SkipWhile(line => line != "settings:")
            .Skip(1)
            .TakeWhile(line => line.Length == 0 || line.StartsWith(' '))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(':', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim().Trim('"'), StringComparer.Ordinal);
        Assert.True(settings.ContainsKey("Rendering__ManagedHeapLimitBytes"), "The chart's values.yaml has no settings: map with the memory settings.");
        return settings;
    }

    private sealed record MemoryRun(long LimitBytes, ProcessMemory? Process, long UnreclaimablePeakBytes, long GroupPeakBytes, long OomKills, string Output)
    {
        public string Summary =>
            $"in a {LimitBytes / 1048576} MB cgroup: {Process?.ToString() ?? "the app is gone"}; anonymous+shmem peak {UnreclaimablePeakBytes / 1048576} MB; " +
            $"the group's peak charge {GroupPeakBytes / 1048576} MB, OOM kills {OomKills}";

        public override string ToString() => $"{Summary}\n{Output}";
    }
}
