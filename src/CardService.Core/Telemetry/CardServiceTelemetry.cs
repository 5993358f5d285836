using System.Diagnostics;
using System.Diagnostics.Metrics;
using CardService.Core.Fetching;

namespace CardService.Core.Telemetry;

/// <summary>
/// The one <see cref="ActivitySource"/> and <see cref="Meter"/> CardService reports through, both named
/// <see cref="Name"/>: spans for fetching, reading, validating, rendering and the card caches, and the instruments below.
/// Nothing is recorded unless a listener (OpenTelemetry, <c>dotnet-counters</c>) subscribes to that name.
/// </summary>
public static class CardServiceTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "CardService";

    /// <summary>Spans: <c>fetch page</c>, <c>read page</c>, <c>validate page</c>, <c>render card</c>, <c>card cache</c>, …</summary>
    public static readonly ActivitySource Source = new(Name, typeof(CardServiceTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>The one meter every CardService instrument belongs to; other parts (the card store's tiers) add theirs to it.</summary>
    public static readonly Meter Meter = new(Name, typeof(CardServiceTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Seconds spent drawing and encoding one card (not waiting for a render slot).</summary>
    public static readonly Histogram<double> RenderDuration = Meter.CreateHistogram<double>(
        "cardservice.render.duration", "s", "Time to draw and encode one card.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2] });

    /// <summary>Outbound fetches, tagged <see cref="Tags.FetchPurpose"/> and <see cref="Tags.FetchOutcome"/> (<c>ok</c> or a <see cref="FetchFailureKind"/>).</summary>
    public static readonly Counter<long> Fetches = Meter.CreateCounter<long>(
        "cardservice.fetch.outcomes", "{fetch}", "Outbound fetches by purpose and outcome: ok, or the failure kind.");

    /// <summary>Requests a limiter turned away, tagged <see cref="Tags.Limiter"/>; see <see cref="RecordRejection"/>.</summary>
    public static readonly Counter<long> Rejections = Meter.CreateCounter<long>(
        "cardservice.rate_limit.rejections", "{request}", "Requests rejected by a rate or concurrency limit.");

    /// <summary>Request log lines dropped because the writer fell behind (its queue was full); the request was answered.</summary>
    public static readonly Counter<long> RequestLogDrops = Meter.CreateCounter<long>(
        "cardservice.request_log.dropped", "{line}", "Request log lines dropped because stdout could not keep up.");

    /// <summary>Calls to a shared store skipped while its circuit breaker is open, tagged <see cref="Tags.StoreTier"/>; see <see cref="RecordStoreSkip"/>.</summary>
    public static readonly Counter<long> StoreSkips = Meter.CreateCounter<long>(
        "cardservice.store.skipped", "{call}", "Shared store calls skipped (answered as misses) while the store's circuit breaker is open.");

    /// <summary>Tag names, shared by spans and instruments.</summary>
    public static class Tags
    {
        public const string CacheTier = "cardservice.cache.tier";
        public const string CacheResult = "cardservice.cache.result";
        public const string StoreOperation = "cardservice.store.operation";
        public const string FetchPurpose = "cardservice.fetch.purpose";
        public const string FetchOutcome = "cardservice.fetch.outcome";
        public const string Limiter = "cardservice.limiter";
        public const string StoreTier = "cardservice.store.tier";
        public const string CardFormat = "cardservice.card.format";
        public const string FindingCount = "cardservice.findings";
        public const string Url = "url.full";
        public const string HttpStatus = "http.response.status_code";
    }

    /// <summary>Marks a cache lookup's span with its tier and result (the lookup is counted by the card store's metrics).</summary>
    public static void TagCacheLookup(Activity? activity, string tier, bool hit) =>
        activity?.SetTag(Tags.CacheTier, tier).SetTag(Tags.CacheResult, hit ? "hit" : "miss");

    /// <summary>Counts one fetch and marks its span: <c>ok</c>, or the failure's kind with the span's status set to error.</summary>
    public static void RecordFetch(string purpose, FetchFailure? failure, Activity? activity)
    {
        var outcome = failure is null ? "ok" : failure.Kind.ToString();
        Fetches.Add(1, new KeyValuePair<string, object?>(Tags.FetchPurpose, purpose), new KeyValuePair<string, object?>(Tags.FetchOutcome, outcome));
        activity?.SetTag(Tags.FetchOutcome, outcome);
        if (failure is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, failure.Detail);
        }
    }

    /// <summary>
    /// Counts a request turned away by <paramref name="limiter"/> (a rate-limit policy, the render gate); call it from the
    /// limiter's rejection callback (<c>RateLimiterOptions.OnRejected</c>).
    /// </summary>
    public static void RecordRejection(string limiter) =>
        Rejections.Add(1, new KeyValuePair<string, object?>(Tags.Limiter, limiter));

    /// <summary>Counts a call to the <paramref name="tier"/> store (<c>blob</c>, <c>redis</c>) that its open circuit breaker skipped.</summary>
    public static void RecordStoreSkip(string tier) =>
        StoreSkips.Add(1, new KeyValuePair<string, object?>(Tags.StoreTier, tier));
}
