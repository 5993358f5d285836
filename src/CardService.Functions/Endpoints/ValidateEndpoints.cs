using CardService.Core.Inspection;
using CardService.Functions.Hosting;
using CardService.Functions.Limits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Endpoints;

/// <summary><c>/validate</c>: a page judged against the rule catalogue: findings, score, per-platform verdicts, with the metadata judged.</summary>
public static class ValidateEndpoints
{
    public static IEndpointRouteBuilder MapValidateEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapGet("/validate", GetValidateAsync)
            .WithName("GetValidate")
            .WithSummary("Judge a page: findings, score and platform verdicts")
            .WithDescription("Fetches url (as agent when given) through the safe fetcher and probes its preview images unless probe=false. A 404 or 500 page is still judged (the status is a finding).")
            .RequireFetchRateLimit()
            .WithTags("Pages")
            .ProducesFetchProblems()
            .AddOpenApiOperationTransformer(InspectQuery.Describe);

        app.MapPost("/validate", PostValidateAsync)
            .WithName("PostValidate")
            .WithSummary("Judge a page from a URL or from posted HTML")
            .WithDescription("With html the page is not fetched (url only resolves relative links) and rules that need the HTTP response are listed in notChecked; images are still probed unless probe is false.")
            .RequireFetchRateLimit()
            .WithTags("Pages")
            .Accepts<InspectBody>("application/json")
            .ProducesFetchProblems()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        return app;
    }

    public static async Task<Results<Ok<ValidateResponse>, ProblemHttpResult>> GetValidateAsync(
        [AsParameters] InspectQuery query, PageInspector inspector, CancellationToken cancellationToken) =>
        Answer(await InspectRequest.RunAsync(query, inspector, cancellationToken));

    public static async Task<Results<Ok<ValidateResponse>, ProblemHttpResult>> PostValidateAsync(
        HttpContext context, PageInspector inspector, IOptions<InspectRequestOptions> options, CancellationToken cancellationToken) =>
        Answer(await InspectRequest.RunAsync(context, inspector, options.Value.MaxBodyBytes, cancellationToken));

    private static Results<Ok<ValidateResponse>, ProblemHttpResult> Answer(InspectOutcome outcome) =>
        outcome.Inspection is { } inspection ? TypedResults.Ok(ValidateResponse.From(inspection)) : outcome.Problem!;
}
