using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;

namespace CardService.Functions.Storage;

/// <summary>
/// One kind of shared answer in HybridCache under its own key prefix: this instance's memory first, then Redis
/// (<see cref="RedisTier"/>). A lookup never creates anything; an entry lives as long in memory as in Redis.
/// </summary>
internal sealed class HybridEntries<T>(HybridCache cache, string prefix)
    where T : class
{
    // HybridCache's factory runs only on a miss in both tiers, and the null it gives is not kept.
    private static readonly HybridCacheEntryOptions LookupOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    public async ValueTask<T?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await cache.GetOrCreateAsync(prefix + key, _ => ValueTask.FromResult<T?>(null), LookupOnly, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // An entry this build cannot read (HybridCache has logged it) is a miss: the page is fetched, never a failed request.
            return null;
        }
    }

    public ValueTask SetAsync(string key, T value, TimeSpan lifetime, CancellationToken cancellationToken) =>
        cache.SetAsync(prefix + key, value, new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime },
            cancellationToken: cancellationToken);
}
