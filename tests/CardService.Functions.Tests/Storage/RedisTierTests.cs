using System.Diagnostics.CodeAnalysis;
using CardService.Core.Tests.Support;
using CardService.Functions.Storage;
using CardService.Functions.Tests.Support;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardService.Functions.Tests.Storage;

/// <summary>The Redis tier against a real redis-server: values kept, and a Redis that is killed, skipped by the breaker, then back.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xUnit disposes them through IAsyncLifetime.DisposeAsync.")]
public sealed class RedisTierTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly StoreMeasurements _measurements = new();
    private readonly ManualClock _clock = new();
    private readonly CardStoreOptions _options = new() { BreakerFailures = 2, TimeoutMilliseconds = 5000 };
    private RedisTier _sut = null!;

    public async Task InitializeAsync()
    {
        await _redis.StartAsync();
        _sut = new RedisTier(_redis.Configuration, _options.Timeout, _measurements.Metrics, NullLogger<RedisTier>.Instance,
            _options.BreakerFor(RedisTier.Tier, _clock, NullLogger.Instance));
    }

    public async Task DisposeAsync()
    {
        _sut.Dispose();
        _measurements.Dispose();
        await _redis.DisposeAsync();
    }

    private long Failures => _measurements.Count("cardservice.store.failures", RedisTier.Tier);

    private static DistributedCacheEntryOptions Minute => new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task GetAsync_RedisKilled_TheBreakerSkipsItAfterTheRunOfFailuresThenTriesAndUsesItAgain()
    {
        using var skips = new SkipCounter(RedisTier.Tier);
        await _sut.SetAsync("before", [1, 2, 3], Minute);
        Assert.Equal([1, 2, 3], await _sut.GetAsync("before"));

        await _redis.StopAsync();
        await _sut.GetAsync("before");
        await _sut.GetAsync("before");
        var failuresToOpen = Failures;
        var skipped = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _sut.GetAsync("before")));
        await _sut.SetAsync("during", [4], Minute);

        // Open: Redis was not asked (no new failure, each call counted as skipped), and every read was answered as a miss.
        Assert.Equal(2, failuresToOpen);
        Assert.All(skipped, Assert.Null);
        Assert.Equal(2, Failures);
        Assert.Equal(6, skips.Total);
        Assert.Equal(0, _measurements.Count("cardservice.cache.misses", RedisTier.Tier)); // skipped is not a miss

        await _redis.StartAsync();

        // The client reconnects in the background: a trial that comes too early fails and opens the breaker for another
        // cool-down, so each try moves the clock on by one cool-down; within a bounded number of tries Redis is used again.
        byte[]? after = null;
        for (var attempt = 0; attempt < 100 && after is null; attempt++)
        {
            _clock.Now += _options.BreakerOpen;
            await _sut.SetAsync("again", [5, 6], Minute);
            after = await _sut.GetAsync("again");
            if (after is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal([5, 6], after);
        Assert.Equal(2, _measurements.Count("cardservice.cache.hits", RedisTier.Tier)); // "before", then "again"
    }
}
