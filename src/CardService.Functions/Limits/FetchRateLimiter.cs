using CardService.Core.Telemetry;
using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using CardService.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Limits;

/// <summary>
/// Counts, per client (<see cref="ClientAddress"/>), the requests that make this service fetch other sites, with a fixed
/// window from System.Threading.RateLimiting (the limiter behind ASP.NET Core's rate-limiting middleware). Applied by
/// <see cref="LimitsExtensions.RequireFetchRateLimit"/> and, for <c>/card</c>, only once the request's fields show it fetches.
/// </summary>
public sealed class FetchRateLimiter : IDisposable
{
    private readonly RateLimitOptions _options;
    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly ImmutableArray<IPNetwork> _trusted;

    public FetchRateLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _trusted = _options.TrustedNetworks();
        var window = TimeSpan.FromSeconds(_options.WindowSeconds);
        var permits = _options.PermitLimit;
        _limiter = permits == 0 ? null : PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>Null when <paramref name="context"/>'s client may fetch now; otherwise a 429 problem, with Retry-After set on the response.</summary>
    public ProblemHttpResult? Check(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_limiter is null)
        {
            return null;
        }

        var client = ClientAddress.Of(context, _trusted, _options.ForwardedHeader);
        using var lease = _limiter.AttemptAcquire(client);
        if (lease.IsAcquired)
        {
            return null;
        }

        CardServiceTelemetry.RecordRejection("fetch-rate");
        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : _options.WindowSeconds;
        context.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            detail: string.Create(CultureInfo.InvariantCulture,
                $"This client made {_options.PermitLimit} requests that fetch other sites in {_options.WindowSeconds} s, the most allowed; try again in {retry} s."),
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", type: ProblemTypes.TooManyRequests);
    }

    public void Dispose() => _limiter?.Dispose();
}
