using System.Net;
using System.Threading.Channels;
using CardService.Core.Cards;
using CardService.Core.Tests.Fetching.Support;
using CardService.Functions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CardService.Functions.Tests.Limits;

/// <summary>
/// What a burst meets when the render or fetch slots are full, and that no one host gets more than its share of fetches.
/// A slow site is a real server on 127.0.0.2 that holds each request until the test lets it go; nothing is timed.
/// </summary>
public sealed class BusyServiceTests : IAsyncLifetime
{
    private const string PageAddress = "127.0.0.2";
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<int> _arrived = Channel.CreateUnbounded<int>();
    private LocalServer _site = null!;
    private int _inFlight;
    private int _mostInFlight;

    public async Task InitializeAsync() =>
        _site = await LocalServer.StartAsync(PageAddress, app => app.MapGet("/held/{id}", async (string id) =>
        {
            var now = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _mostInFlight, now);
            _arrived.Writer.TryWrite(now);
            await _release.Task;
            Interlocked.Decrement(ref _inFlight);
            return Results.Content($"<!doctype html><html><head><title>Held {id}</title></head></html>", "text/html");
        }));

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _site.DisposeAsync();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private string Meta(string id) => "/meta?url=" + Uri.EscapeDataString(_site.Url("/held/" + id).AbsoluteUri);

    [Fact]
    public async Task Card_EveryRenderSlotHeldAndNoQueue_Answers503WithRetryAfter()
    {
        await using var app = KestrelApp.Start(("Rendering:MaxConcurrentRenders", "1"), ("Rendering:MaxQueuedRenders", "0"));
        using var client = app.CreateClient();
        using var held = await app.Services.GetRequiredService<RenderGate>().EnterAsync(CancellationToken.None);

        using var response = await client.GetAsync(new Uri("/card?title=No+room", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "renderer-busy");
        Assert.Equal("Renderer busy", problem.GetProperty("title").GetString());
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Card_RenderSlotHeldWithRoomInTheQueue_WaitsAndRenders()
    {
        await using var app = KestrelApp.Start(("Rendering:MaxConcurrentRenders", "1"), ("Rendering:MaxQueuedRenders", "1"));
        using var client = app.CreateClient();
        var gate = app.Services.GetRequiredService<RenderGate>();
        var held = await gate.EnterAsync(CancellationToken.None);

        var queued = client.GetAsync(new Uri("/card?title=Queued", UriKind.Relative));
        while (gate.Waiting == 0)
        {
            await Task.Yield();
        }

        held!.Dispose();
        using var response = await queued;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Meta_EveryFetchSlotHeldAndNoQueue_Answers503FetcherBusyWithRetryAfter()
    {
        await using var app = KestrelApp.Start(("Fetch:AllowedPrivateNetworks:0", PageAddress + "/32"),
            ("Fetch:MaxConcurrentFetches", "1"), ("Fetch:MaxQueuedFetches", "0"), ("Fetch:MaxFetchesPerHost", "1"));
        using var client = app.CreateClient();

        var first = client.GetAsync(new Uri(Meta("a"), UriKind.Relative));
        await _arrived.Reader.ReadAsync();
        using var second = await client.GetAsync(new Uri(Meta("b"), UriKind.Relative));
        _release.SetResult();
        using var firstResponse = await first;

        var problem = await ProblemAssert.IsProblemAsync(second, HttpStatusCode.ServiceUnavailable, "fetcher-busy");
        Assert.Equal("Fetcher busy", problem.GetProperty("title").GetString());
        Assert.Equal("Busy", problem.GetProperty("failure").GetString());
        Assert.Equal("1", second.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(1, _site.CountRequests("/held/a"));
        Assert.Equal(0, _site.CountRequests("/held/b"));
    }

    [Fact]
    public async Task Meta_BurstAtOneHost_NeverMoreThanThePerHostLimitAtOnce()
    {
        const int Burst = 6;
        await using var app = KestrelApp.Start(("Fetch:AllowedPrivateNetworks:0", PageAddress + "/32"),
            ("Fetch:MaxConcurrentFetches", "16"), ("Fetch:MaxFetchesPerHost", "2"), ("Fetch:TimeoutSeconds", "120"));
        using var client = app.CreateClient();

        var burst = Enumerable.Range(0, Burst).Select(i => client.GetAsync(new Uri(Meta("burst" + i), UriKind.Relative))).ToList();
        // Two reach the site; the other four wait in our queue. Once two have arrived, at most two are at the site whatever
        // the timing, because a third is let through only when one of the two ends, and none ends until released.
        await _arrived.Reader.ReadAsync();
        await _arrived.Reader.ReadAsync();
        var atTheSite = Volatile.Read(ref _inFlight);
        _release.SetResult();
        var responses = await Task.WhenAll(burst);

        Assert.Equal(2, atTheSite);
        Assert.Equal(2, Volatile.Read(ref _mostInFlight));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(Burst, Enumerable.Range(0, Burst).Sum(i => _site.CountRequests("/held/burst" + i)));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
