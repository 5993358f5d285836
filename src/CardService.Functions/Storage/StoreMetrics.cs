using System.Diagnostics.Metrics;
using CardService.Core.Telemetry;

namespace CardService.Functions.Storage;

/// <summary>
/// Hits and misses per cache tier, store failures and renders, on the one <c>CardService</c> meter
/// (<see cref="CardServiceTelemetry.Meter"/>). A tier (tag <see cref="CardServiceTelemetry.Tags.CacheTier"/>) is
/// <c>query</c> (a plain card's ETag remembered by its query string), <c>memory</c>, <c>blob</c> or <c>redis</c>; each
/// lookup of a tier is counted once, by the code that asks it.
/// </summary>
public sealed class StoreMetrics
{
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _renders;

    /// <param name="meter">The app's <see cref="CardServiceTelemetry.Meter"/>; a test passes a meter of its own to count alone.</param>
    public StoreMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _hits = meter.CreateCounter<long>("cardservice.cache.hits", "{lookup}", "Lookups a cache tier answered.");
        _misses = meter.CreateCounter<long>("cardservice.cache.misses", "{lookup}", "Lookups a cache tier could not answer.");
        _failures = meter.CreateCounter<long>("cardservice.store.failures", "{operation}", "Shared store operations that failed or timed out; the request went on without the store.");
        _renders = meter.CreateCounter<long>("cardservice.cards.rendered", "{card}", "Cards drawn by this instance.");
    }

    public void Hit(string tier) => _hits.Add(1, new KeyValuePair<string, object?>(CardServiceTelemetry.Tags.CacheTier, tier));

    public void Miss(string tier) => _misses.Add(1, new KeyValuePair<string, object?>(CardServiceTelemetry.Tags.CacheTier, tier));

    public void Failure(string tier, string operation) => _failures.Add(1,
        new KeyValuePair<string, object?>(CardServiceTelemetry.Tags.CacheTier, tier), new KeyValuePair<string, object?>(CardServiceTelemetry.Tags.StoreOperation, operation));

    public void Rendered() => _renders.Add(1);
}
