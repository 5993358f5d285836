namespace CardService.Core.Inspection;

/// <summary>
/// Inspections of fetched pages shared by every instance of the service (Redis, in the API), so a page one instance read,
/// checked and probed for <c>/meta</c> or <c>/validate</c> is neither fetched nor probed again by the next. Implementations
/// bound their own time and never throw: a store that is down is a miss.
/// </summary>
public interface ISharedInspections
{
    /// <summary>The inspection another instance stored under <paramref name="key"/>, or null.</summary>
    ValueTask<PageInspection?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Shares <paramref name="inspection"/> under <paramref name="key"/> for <paramref name="lifetime"/>.</summary>
    ValueTask SetAsync(string key, PageInspection inspection, TimeSpan lifetime, CancellationToken cancellationToken);
}
