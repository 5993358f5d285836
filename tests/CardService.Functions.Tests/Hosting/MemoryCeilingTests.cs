using System.Net;
using CardService.Core.Tests.Fetching.Support;
using CardService.Core.Tests.Support;
using CardService.Functions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CardService.Functions.Tests.Hosting;

/// <summary>
/// The app, as its own process with the settings the Helm chart gives a 256 MB pod, draws cards whose logo and background
/// are a 6000×6000 PNG (posted as data: and fetched from 127.0.0.2), then a few hundred random cards (every size up to
/// 2400×2400, format and script), 32 in flight. Measures from /proc, nothing timed: the peak resident memory (VmHWM)
/// stays under 256 MB through the huge logos and under a 512 MB Flex instance throughout; the memory the kernel cannot
/// reclaim under the pod's limit (anonymous + shared) stays under <see cref="PodUnreclaimableBytes"/> throughout.
/// docs/PERFORMANCE.md#memory has the breakdown.
/// </summary>
public class MemoryCeilingTests
{
    private const long PodBytes = 256L * 1024 * 1024;
    private const long FlexBytes = 512L * 1024 * 1024;

    /// <summary>The pod's 256 MB less 64 MB for the file pages the app runs from (assemblies, native libraries, mapped fonts: ≈ 125 MB mapped, of which the kernel keeps what is in use).</summary>
    private const long PodUnreclaimableBytes = 192L * 1024 * 1024;

    private const string ImageAddress = "127.0.0.2";

    /// <summary>As infra/helm/cardservice/values.yaml sets them (HelmChartTests checks the chart holds the same).</summary>
    public static readonly IReadOnlyDictionary<string, string> PodSettings = new Dictionary<string, string>
    {
        ["CardCache:MaxBytes"] = "16777216",
        ["PageCards:MaxCachedImageBytes"] = "8388608",
        ["Fetch:MaxReusedBytes"] = "8388608",
        ["Rendering:CoverCacheBytes"] = "4194304",
        ["Rendering:SurfacePoolBytes"] = "4194304",
        ["Rendering:ManagedHeapLimitBytes"] = "83886080",
        ["Rendering:MaxConcurrentRenders"] = "1",
    };

    [Fact]
    public async Task App_PodSettings_StaysInsideThePodUnderHugeLogosAndRandomCards()
    {
        var png = TestPictures.StripedPng(6000, 6000);
        await using var images = await LocalServer.StartAsync(ImageAddress, app => app.MapGet("/logo.png", () => Results.Bytes(png, "image/png")));
        var settings = new Dictionary<string, string>(PodSettings) { ["Fetch:AllowedPrivateNetworks:0"] = ImageAddress + "/32" };
        await using var sut = await AppProcess.StartAsync(AppProcess.BuiltAppDll, "127.0.0.1", settings);

        HttpStatusCode[] posted, fetched, random;
        ProcessMemory afterLogos, afterRandom;
        long unreclaimablePeak;
        await using (var watch = new UnreclaimablePeak(sut.Id))
        {
            posted = await MemoryLoad.LogoBurstAsync(sut.Client, TestPictures.DataUri(png), 10, "data");
            fetched = await MemoryLoad.LogoBurstAsync(sut.Client, images.Url("/logo.png").AbsoluteUri, 10, "url");
            afterLogos = sut.Memory();
            random = await MemoryLoad.RandomSpecsAsync(sut.Client, 200, 32, seed: 7);
            afterRandom = sut.Memory();
            unreclaimablePeak = watch.PeakBytes;
        }

        Assert.All(posted.Concat(fetched).Concat(random), status => Assert.Equal(HttpStatusCode.OK, status));
        var measured = $"after the huge logos: {afterLogos}; after random cards: {afterRandom}; anonymous+shmem peak {unreclaimablePeak / 1048576} MB";
        Assert.True(afterLogos.PeakResidentBytes < PodBytes, $"{measured}; the ceiling for the huge logos is 256 MB.\n{sut.Output}");
        Assert.True(unreclaimablePeak < PodUnreclaimableBytes, $"{measured}; the unreclaimable ceiling is 192 MB.\n{sut.Output}");
        Assert.True(afterRandom.PeakResidentBytes < FlexBytes, $"{measured}; the ceiling is 512 MB.\n{sut.Output}");
    }
}
