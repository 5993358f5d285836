using System.Net;
using Azure.Storage.Blobs;
using CardService.Functions.Endpoints;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Storage;

/// <summary>Azurite and two app instances as separate processes sharing it as their card store.</summary>
public sealed class SharedStoreFixture : IAsyncLifetime
{
    public AzuriteServer Azurite { get; } = new();

    public string Container { get; } = "cards-" + Guid.NewGuid().ToString("N")[..12];

    public TwoInstances Apps { get; private set; } = null!;

    public AppProcess First => Apps.First;

    public AppProcess Second => Apps.Second;

    public async Task InitializeAsync()
    {
        await Azurite.StartAsync();
        Apps = await TwoInstances.StartAsync(new Dictionary<string, string>
        {
            ["CardStore:Kind"] = "blob",
            ["CardStore:Blob:ConnectionString"] = Azurite.ConnectionString,
            ["CardStore:Blob:Container"] = Container,
        });
    }

    public async Task DisposeAsync()
    {
        await Apps.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

/// <summary>
/// What a shared card store is for, proven across processes: N instances render each card once, racing instances agree,
/// and a store that dies degrades to rendering (every request answered) and is used again once it is back.
/// </summary>
public sealed class SharedCardStoreTests(SharedStoreFixture fixture) : IClassFixture<SharedStoreFixture>
{
    private sealed record Answer(HttpStatusCode Status, string? Tier, string? ETag, string? CacheControl, string? ContentType, byte[] Bytes);

    private static async Task<Answer> GetCardAsync(AppProcess app, string title)
    {
        using var response = await app.Client.GetAsync(new Uri("card?title=" + Uri.EscapeDataString(title) + "&category=Store", UriKind.Relative));
        return new Answer(
            response.StatusCode,
            response.Headers.TryGetValues(CardEndpoints.TierHeader, out var tier) ? tier.Single() : null,
            response.Headers.ETag?.Tag,
            response.Headers.CacheControl?.ToString(),
            response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsByteArrayAsync());
    }

    private static string NewTitle(string what) => $"{what} {Guid.NewGuid():N}";

    [Fact]
    public async Task Card_RenderedByOneInstance_TheOtherServesItFromTheStoreWithoutRendering()
    {
        var title = NewTitle("Rendered once");

        var first = await GetCardAsync(fixture.First, title);
        var second = await GetCardAsync(fixture.Second, title);
        var again = await GetCardAsync(fixture.Second, title);

        Assert.Equal((HttpStatusCode.OK, "rendered"), (first.Status, first.Tier));
        Assert.Equal((HttpStatusCode.OK, "blob"), (second.Status, second.Tier));
        Assert.Equal("memory", again.Tier);
        Assert.Equal(first.Bytes, second.Bytes);
        Assert.Equal((first.ETag, first.CacheControl, "image/png"), (second.ETag, second.CacheControl, second.ContentType));
    }

    [Fact]
    public async Task Card_BothInstancesRacingOnANewCard_AllAnswerTheSameBytesAndTheStoreHoldsThem()
    {
        var title = NewTitle("Raced");

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => GetCardAsync(i % 2 == 0 ? fixture.First : fixture.Second, title)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(answers, a => Assert.Equal(answers[0].Bytes, a.Bytes));
        var blob = new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient(fixture.Container).GetBlobClient(answers[0].ETag!.Trim('"'));
        Assert.Equal(answers[0].Bytes, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task Card_StoreKilledMidRunThenStarted_EveryRequestAnsweredThenTheStoreIsUsedAgain()
    {
        try
        {
            await fixture.Azurite.StopAsync();
            var titles = Enumerable.Range(0, 4).Select(i => NewTitle("While the store is down")).ToArray();
            var answers = new List<Answer>();
            foreach (var title in titles)
            {
                answers.Add(await GetCardAsync(fixture.First, title));
                answers.Add(await GetCardAsync(fixture.Second, title)); // would come from the store if it were up
            }

            Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, "image/png", "rendered"), (a.Status, a.ContentType, a.Tier)));

            await fixture.Azurite.StartAsync();
            var title2 = NewTitle("Store back");
            var first = await GetCardAsync(fixture.First, title2);
            var second = await GetCardAsync(fixture.Second, title2);

            Assert.Equal("rendered", first.Tier);
            Assert.Equal("blob", second.Tier);
            Assert.Equal(first.Bytes, second.Bytes);
        }
        finally
        {
            if (!fixture.Azurite.IsRunning)
            {
                await fixture.Azurite.StartAsync();
            }
        }
    }
}
