using System.Net;
using CardService.Core.Tests.Fetching.Support;
using CardService.Core.Tests.Support;
using CardService.Functions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CardService.Functions.Tests.Hosting;

/// <summary>
/// The app, as its own process with its default settings, stays inside a 256 MB pod while it draws cards whose logo and
/// background are a 6000×6000 PNG (posted as data: and fetched from 127.0.0.2) and a few hundred random cards. Its peak
/// resident memory (VmHWM from /proc) is the measure; nothing is timed.
/// </summary>
public class MemoryCeilingTests
{
    private const long CeilingBytes = 256L * 1024 * 1024;
    private const string ImageAddress = "127.0.0.2";

    [Fact]
    public async Task App_HugeLogosAndRandomCards_StaysUnder256MB()
    {
        var png = TestPictures.StripedPng(6000, 6000);
        await using var images = await LocalServer.StartAsync(ImageAddress, app => app.MapGet("/logo.png", () => Results.Bytes(png, "image/png")));
        await using var sut = await AppProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "CardService.Functions.dll"), "127.0.0.1",
            new Dictionary<string, string> { ["Fetch:AllowedPrivateNetworks:0"] = ImageAddress + "/32" });

        var posted = await MemoryLoad.LogoBurstAsync(sut.Client, TestPictures.DataUri(png), 10, "data");
        var fetched = await MemoryLoad.LogoBurstAsync(sut.Client, images.Url("/logo.png").AbsoluteUri, 10, "url");
        var random = await MemoryLoad.RandomSpecsAsync(sut.Client, 200, 8, seed: 7);
        var memory = sut.Memory();

        Assert.All(posted.Concat(fetched).Concat(random), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.True(memory.PeakResidentBytes < CeilingBytes, $"{memory}; the ceiling is {CeilingBytes / 1048576} MB.\n{sut.Output}");
    }
}
