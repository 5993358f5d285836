using System.Diagnostics.Metrics;

namespace CardService.Functions.Storage;

/// <summary>
/// Hits and misses per cache tier, store failures and renders, on the <c>CardService</c> meter (OpenTelemetry exports it by
/// that name). A tier is <c>memory</c>, <c>blob</c> or <c>redis</c>.
/// </summary>
public sealed class StoreMetrics
{
    /// <summary>The meter every CardService instrument lives on.</summary>
    public const string MeterName = "CardService";

    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _renders;

    public StoreMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _hits = meter.CreateCounter<long>("cardservice.cache.hits", description: "Lookups a cache tier answered.");
        _misses = meter.CreateCounter<long>("cardservice.cache.misses", description: "Lookups a cache tier could not answer.");
        _failures = meter.CreateCounter<long>("cardservice.store.failures", description: "Shared store operations that failed or timed out; the request went on without the store.");
        _renders = meter.CreateCounter<long>("cardservice.cards.rendered", description: "Cards drawn by this instance.");
    }

    public void Hit(string tier) => _hits.Add(1, new KeyValuePair<string, object?>("tier", tier));

    public void Miss(string tier) => _misses.Add(1, new KeyValuePair<string, object?>("tier", tier));

    public void Failure(string tier, string operation) =>
        _failures.Add(1, new KeyValuePair<string, object?>("tier", tier), new KeyValuePair<string, object?>("operation", operation));

    public void Rendered() => _renders.Add(1);
}
