namespace CardService.Core.Cards.FromPage;

/// <summary>
/// Page-card fields shared by every instance of the service (Redis, in the API), so a page read by one instance is not
/// fetched again by the next. Implementations bound their own time and never throw: a store that is down is a miss.
/// </summary>
public interface ISharedPageCards
{
    /// <summary>The fields another instance read from <paramref name="page"/>, or null.</summary>
    ValueTask<PageCard?> GetAsync(Uri page, CancellationToken cancellationToken);

    /// <summary>Shares the fields read from <paramref name="page"/> for <paramref name="lifetime"/>.</summary>
    ValueTask SetAsync(Uri page, PageCard card, TimeSpan lifetime, CancellationToken cancellationToken);
}
