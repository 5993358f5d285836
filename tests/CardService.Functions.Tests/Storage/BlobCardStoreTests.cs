using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using CardService.Core.Cards;
using CardService.Core.Tests.Support;
using CardService.Functions.Endpoints;
using CardService.Functions.Storage;
using CardService.Functions.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardService.Functions.Tests.Storage;

/// <summary>The blob tier against a real Azurite: what a blob keeps, racing writers, and a store that is down, slow, then back.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xUnit disposes both through IAsyncLifetime.DisposeAsync.")]
public sealed class BlobCardStoreTests : IAsyncLifetime
{
    private readonly AzuriteServer _azurite = new();
    private readonly StoreMeasurements _measurements = new();
    private readonly string _container = "cards-" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync() => _azurite.StartAsync();

    public async Task DisposeAsync()
    {
        _measurements.Dispose();
        await _azurite.DisposeAsync();
    }

    private readonly ManualClock _clock = new();

    private BlobCardStore CreateSut(string? connectionString = null, int timeoutMilliseconds = 5000, int breakerFailures = 5)
    {
        var options = new CardStoreOptions
        {
            Kind = CardStoreOptions.BlobKind,
            TimeoutMilliseconds = timeoutMilliseconds,
            Blob = new BlobStoreOptions { ConnectionString = connectionString ?? _azurite.ConnectionString, Container = _container },
            BreakerFailures = breakerFailures,
        };
        return new BlobCardStore(BlobCardStore.ContainerFor(options), options.Timeout, _measurements.Metrics, NullLogger<BlobCardStore>.Instance,
            options.BreakerFor(BlobCardStore.Tier, _clock, NullLogger.Instance));
    }

    private static RenderedCard Card(string etag, byte fill) => new(Enumerable.Repeat(fill, 300).ToArray(), "image/webp", etag, [0x1D11E, 0x10FFFF]);

    [Fact]
    public async Task WriteAsync_ThenReadAsync_KeepsBytesTypeETagCacheControlAndMissingGlyphs()
    {
        var sut = CreateSut();
        var card = Card("\"0123456789abcdef0123456789abcdef\"", 7);

        await sut.WriteAsync(card.ETag, card, CardEndpointsCacheControl, CancellationToken.None);
        var read = await sut.ReadAsync(card.ETag, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(card.Bytes.ToArray(), read.Bytes.ToArray());
        Assert.Equal("image/webp", read.ContentType);
        Assert.Equal(card.ETag, read.ETag);
        Assert.Equal(card.MissingCodePoints.ToArray(), read.MissingCodePoints.ToArray());

        // The blob itself, as a CDN or an operator would see it: named by the content key, typed, cacheable.
        var blob = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(_container).GetBlobClient("0123456789abcdef0123456789abcdef");
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal("image/webp", properties.ContentType);
        Assert.Equal(CardEndpointsCacheControl, properties.CacheControl);
        Assert.Equal(card.ETag, properties.Metadata["cardetag"]);
        Assert.Equal(1, _measurements.Count("cardservice.cache.hits", BlobCardStore.Tier));
        Assert.Equal(0, _measurements.Count("cardservice.store.failures", BlobCardStore.Tier));
    }

    [Fact]
    public async Task ReadAsync_Missing_IsAMissNotAFailure()
    {
        var sut = CreateSut();
        await sut.WriteAsync("\"other\"", Card("\"other\"", 1), CardEndpointsCacheControl, CancellationToken.None);

        var read = await sut.ReadAsync("\"absent\"", CancellationToken.None);

        Assert.Null(read);
        Assert.Equal(1, _measurements.Count("cardservice.cache.misses", BlobCardStore.Tier));
        Assert.Equal(0, _measurements.Count("cardservice.store.failures", BlobCardStore.Tier));
    }

    [Fact]
    public async Task WriteAsync_TwoWritersRacingOnOneKey_BothSucceedAndOneCardIsKept()
    {
        var first = CreateSut();
        var second = CreateSut();
        var card = Card("\"race\"", 42);

        await Task.WhenAll(
            Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second).WriteAsync(card.ETag, card, CardEndpointsCacheControl, CancellationToken.None)));
        var read = await second.ReadAsync(card.ETag, CancellationToken.None);

        Assert.Equal(card.Bytes.ToArray(), read!.Bytes.ToArray());
        Assert.Equal(0, _measurements.Count("cardservice.store.failures", BlobCardStore.Tier));
    }

    [Fact]
    public async Task ReadAndWrite_StoreKilledThenStartedAgain_DegradeToMissesThenUseTheStoreAgain()
    {
        var sut = CreateSut();
        var before = Card("\"before\"", 3);
        await sut.WriteAsync(before.ETag, before, CardEndpointsCacheControl, CancellationToken.None);

        await _azurite.StopAsync();
        var whileDown = await sut.ReadAsync(before.ETag, CancellationToken.None);
        await sut.WriteAsync("\"during\"", Card("\"during\"", 4), CardEndpointsCacheControl, CancellationToken.None);

        Assert.Null(whileDown);
        Assert.Equal(2, _measurements.Count("cardservice.store.failures", BlobCardStore.Tier));

        // Azurite killed with -9 may come back without what it held: the store is used again for what is written from now on.
        await _azurite.StartAsync();
        var again = Card("\"again\"", 5);
        await sut.WriteAsync(again.ETag, again, CardEndpointsCacheControl, CancellationToken.None);
        var after = await sut.ReadAsync(again.ETag, CancellationToken.None);

        Assert.Equal(again.Bytes.ToArray(), after!.Bytes.ToArray());
        Assert.Equal(2, _measurements.Count("cardservice.store.failures", BlobCardStore.Tier));
    }

    [Fact]
    public async Task ReadAndWrite_StoreKilled_TheBreakerSkipsItAfterTheRunOfFailuresThenTriesAndUsesItAgain()
    {
        using var skips = new SkipCounter(BlobCardStore.Tier);
        var sut = CreateSut(breakerFailures: 2);
        var before = Card("\"breaker-before\"", 3);
        await sut.WriteAsync(before.ETag, before, CardEndpointsCacheControl, CancellationToken.None);

        await _azurite.StopAsync();
        await sut.ReadAsync(before.ETag, CancellationToken.None);
        await sut.ReadAsync(before.ETag, CancellationToken.None);
        var failuresToOpen = _measurements.Count("cardservice.store.failures", BlobCardStore.Tier);
        var skipped = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => sut.ReadAsync(before.ETag, CancellationToken.None)));
        await sut.WriteAsync("\"breaker-during\"", Card("\"breaker-during\"", 4), CardEndpointsCacheControl, CancellationToken.None);

        // Open: the store was not asked (no new failure, each call counted as skipped) and every call was answered as a miss.
        Assert.Equal(2, failuresToOpen);
        Assert.All(skipped, Assert.Null);
        Assert.Equal(2, _measurements.Count("cardservice.store.failures", BlobCardStore.Tier));
        Assert.Equal(6, skips.Total);

        await _azurite.StartAsync();
        var stillSkipped = await sut.ReadAsync(before.ETag, CancellationToken.None); // the cool-down is not over
        _clock.Now += new CardStoreOptions().BreakerOpen;
        var again = Card("\"breaker-again\"", 5);
        await sut.WriteAsync(again.ETag, again, CardEndpointsCacheControl, CancellationToken.None); // the trial
        var after = await sut.ReadAsync(again.ETag, CancellationToken.None);

        Assert.Null(stillSkipped);
        Assert.Equal(7, skips.Total);
        Assert.Equal(again.Bytes.ToArray(), after!.Bytes.ToArray());
        Assert.Equal(2, _measurements.Count("cardservice.store.failures", BlobCardStore.Tier));
    }

    [Fact]
    public async Task ReadAsync_StoreThatNeverAnswers_GivesUpAtTheTimeoutAsAFailure()
    {
        // A real socket that accepts and never answers: the store is "slow", not down.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var sut = CreateSut(_azurite.ConnectionString.Replace($":{_azurite.Port}/", $":{port}/", StringComparison.Ordinal), timeoutMilliseconds: 200);

        // The guard only stops a hung test; the store's own 200 ms timeout is what must end the read.
        var read = await sut.ReadAsync("\"slow\"", CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Null(read);
        Assert.Equal(1, _measurements.Count("cardservice.store.failures", BlobCardStore.Tier));
    }

    private const string CardEndpointsCacheControl = CardEndpoints.CacheControl;
}
