using System.Collections.Immutable;
using CardService.Core.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CardService.Functions.Endpoints;

/// <summary><c>/rules</c>: the validator's rule catalogue.</summary>
public static class RulesEndpoints
{
    public static IEndpointRouteBuilder MapRulesEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapGet("/rules", GetRules)
            .WithName("GetRules")
            .WithSummary("Every rule /validate applies: id, severity, platforms, what it checks, how to fix it, its source")
            .WithTags("Pages");

        return app;
    }

    public static Ok<RulesResponse> GetRules() => TypedResults.Ok(new RulesResponse(RuleCatalog.All.Length, RuleCatalog.All));

    /// <summary>The catalogue, ordered by id.</summary>
    public sealed record RulesResponse(int Count, ImmutableArray<RuleDescriptor> Rules);
}
