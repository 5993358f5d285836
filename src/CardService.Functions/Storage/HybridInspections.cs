using CardService.Core.Inspection;
using Microsoft.Extensions.Caching.Hybrid;

namespace CardService.Functions.Storage;

/// <summary>
/// Inspections of fetched pages (what <c>/meta</c>, <c>/validate</c> and the preview answer from) in HybridCache: this
/// instance's memory first, then Redis, kept as <see cref="StoredJson"/>, so a page one instance inspected is neither
/// fetched nor probed by the others while <c>Fetch:ReuseSeconds</c> lasts.
/// </summary>
public sealed class HybridInspections(HybridCache cache) : ISharedInspections
{
    private readonly HybridEntries<PageInspection> _entries = new(cache, "inspection:");

    public ValueTask<PageInspection?> GetAsync(string key, CancellationToken cancellationToken) => _entries.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, PageInspection inspection, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        return _entries.SetAsync(key, inspection, lifetime, cancellationToken);
    }
}
