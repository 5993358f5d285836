using System.Net;
using CardService.Core.Tests.Fetching.Support;
using CardService.Core.Tests.Support;
using CardService.Functions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CardService.Functions.Tests.Hosting;

/// <summary>
/// The app, as its own process with its default settings, stays inside a 256 MB pod while it draws cards whose logo and
/// background are a 6000×6000 PNG (posted as data: and fetched from 127.0.0.2), and inside a 512 MB Flex instance once a
/// few hundred random cards (every size, format and script) follow. Its peak resident memory (VmHWM from /proc) is the
/// measure; nothing is timed. (Random cards in every script still peak at ≈ 360 MB: docs/PERFORMANCE.md#memory.)
/// </summary>
public class MemoryCeilingTests
{
    private const long PodBytes = 256L * 1024 * 1024;
    private const long FlexBytes = 512L * 1024 * 1024;
    private const string ImageAddress = "127.0.0.2";

    [Fact]
    public async Task App_HugeLogosUnder256MB_RandomCardsUnder512MB()
    {
        var png = TestPictures.StripedPng(6000, 6000);
        await using var images = await LocalServer.StartAsync(ImageAddress, app => app.MapGet("/logo.png", () => Results.Bytes(png, "image/png")));
        await using var sut = await AppProcess.StartAsync(
            AppProcess.BuiltAppDll, "127.0.0.1",
            new Dictionary<string, string> { ["Fetch:AllowedPrivateNetworks:0"] = ImageAddress + "/32" });

        var posted = await MemoryLoad.LogoBurstAsync(sut.Client, TestPictures.DataUri(png), 10, "data");
        var fetched = await MemoryLoad.LogoBurstAsync(sut.Client, images.Url("/logo.png").AbsoluteUri, 10, "url");
        var afterLogos = sut.Memory();
        var random = await MemoryLoad.RandomSpecsAsync(sut.Client, 200, 8, seed: 7);
        var afterRandom = sut.Memory();

        Assert.All(posted.Concat(fetched).Concat(random), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.True(afterLogos.PeakResidentBytes < PodBytes, $"After the huge logos: {afterLogos}; the ceiling is 256 MB.\n{sut.Output}");
        Assert.True(afterRandom.PeakResidentBytes < FlexBytes, $"After random cards: {afterRandom}; the ceiling is 512 MB.\n{sut.Output}");
    }
}
