using CardService.Core.Fetching;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CardService.Functions.Hosting;

/// <summary>The one mapping from a failed fetch to the problem the API answers: the same for /meta, /validate and /card?url=.</summary>
public static class FetchProblems
{
    /// <summary>The statuses <see cref="For"/> answers (400 also for the request's own fields), for the OpenAPI document.</summary>
    public static RouteHandlerBuilder ProducesFetchProblems(this RouteHandlerBuilder builder) => builder
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status502BadGateway)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .ProducesProblem(StatusCodes.Status504GatewayTimeout);

    public static ProblemHttpResult For(FetchFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var (status, type, title) = failure.Kind switch
        {
            FetchFailureKind.InvalidUrl => (StatusCodes.Status400BadRequest, ProblemTypes.InvalidUrl, "Invalid URL"),
            FetchFailureKind.BlockedAddress => (StatusCodes.Status403Forbidden, ProblemTypes.BlockedAddress, "Address not allowed"),
            FetchFailureKind.Dns => (StatusCodes.Status502BadGateway, ProblemTypes.DnsFailure, "Host not found"),
            FetchFailureKind.Connect => (StatusCodes.Status502BadGateway, ProblemTypes.ConnectFailure, "Could not connect"),
            FetchFailureKind.Tls => (StatusCodes.Status502BadGateway, ProblemTypes.TlsFailure, "TLS handshake failed"),
            FetchFailureKind.TooManyRedirects => (StatusCodes.Status502BadGateway, ProblemTypes.TooManyRedirects, "Too many redirects"),
            FetchFailureKind.HttpStatus => (StatusCodes.Status502BadGateway, ProblemTypes.UpstreamStatus, "Upstream error"),
            FetchFailureKind.Timeout => (StatusCodes.Status504GatewayTimeout, ProblemTypes.UpstreamTimeout, "Upstream timed out"),
            FetchFailureKind.TooLarge => (StatusCodes.Status413PayloadTooLarge, ProblemTypes.UpstreamTooLarge, "Upstream content too large"),
            FetchFailureKind.Busy => (StatusCodes.Status503ServiceUnavailable, ProblemTypes.FetcherBusy, "Fetcher busy"),
            _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Kind, "Unknown fetch failure kind."),
        };

        var extensions = new Dictionary<string, object?> { ["failure"] = failure.Kind.ToString() };
        if (failure.Url is not null)
        {
            extensions["url"] = failure.Url.AbsoluteUri;
        }

        if (failure.StatusCode is { } upstream)
        {
            extensions["upstreamStatus"] = upstream;
        }

        return TypedResults.Problem(detail: failure.Detail, statusCode: status, title: title, type: type, extensions: extensions);
    }
}
