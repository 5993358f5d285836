using CardService.Core.Inspection;
using CardService.Functions.Hosting;
using CardService.Functions.Limits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Endpoints;

/// <summary><c>/meta</c>: a page's metadata and what each platform would show, from its URL (GET/POST) or posted HTML (POST).</summary>
public static class MetaEndpoints
{
    public static IEndpointRouteBuilder MapMetaEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapGet("/meta", GetMetaAsync)
            .WithName("GetMeta")
            .WithSummary("Read a page's metadata and effective previews")
            .WithDescription("Fetches url (as agent when given) through the safe fetcher and probes its preview images unless probe=false. A 404 or 500 page is still read.")
            .RequireFetchRateLimit()
            .WithTags("Pages")
            .ProducesFetchProblems()
            .AddOpenApiOperationTransformer(InspectQuery.Describe);

        app.MapPost("/meta", PostMetaAsync)
            .WithName("PostMeta")
            .WithSummary("Read a page's metadata from a URL or from posted HTML")
            .WithDescription("With html the page is not fetched (url only resolves relative links); images are still probed unless probe is false.")
            .RequireFetchRateLimit()
            .WithTags("Pages")
            .Accepts<InspectBody>("application/json")
            .ProducesFetchProblems()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        return app;
    }

    public static async Task<Results<Ok<MetaResponse>, ProblemHttpResult>> GetMetaAsync(
        [AsParameters] InspectQuery query, PageInspector inspector, CancellationToken cancellationToken) =>
        Answer(await InspectRequest.RunAsync(query, inspector, cancellationToken));

    public static async Task<Results<Ok<MetaResponse>, ProblemHttpResult>> PostMetaAsync(
        HttpContext context, PageInspector inspector, IOptions<InspectRequestOptions> options, CancellationToken cancellationToken) =>
        Answer(await InspectRequest.RunAsync(context, inspector, options.Value.MaxBodyBytes, cancellationToken));

    private static Results<Ok<MetaResponse>, ProblemHttpResult> Answer(InspectOutcome outcome) =>
        outcome.Inspection is { } inspection ? TypedResults.Ok(MetaResponse.From(inspection)) : outcome.Problem!;
}
