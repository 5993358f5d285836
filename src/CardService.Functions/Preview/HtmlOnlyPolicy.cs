using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Net.Http.Headers;

namespace CardService.Functions.Preview;

/// <summary>Marks an endpoint that only answers browsers (an <c>Accept</c> naming <c>text/html</c>).</summary>
public sealed class HtmlOnlyMetadata;

/// <summary>
/// Content negotiation between two endpoints on one route: an endpoint with <see cref="HtmlOnlyMetadata"/> stays a candidate only
/// when the request accepts <c>text/html</c>, so <c>GET /</c> gives browsers the landing page and API clients the JSON index.
/// </summary>
internal sealed class HtmlOnlyPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<HtmlOnlyMetadata>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var wantsHtml = WantsHtml(httpContext.Request);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!wantsHtml && candidates[i].Endpoint.Metadata.GetMetadata<HtmlOnlyMetadata>() is not null)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>True when the Accept header names text/html with a non-zero quality (browsers do; curl's */* does not).</summary>
    public static bool WantsHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && (a.Quality ?? 1) > 0);
}
