using System.Reflection;
using CardService.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CardService.Functions.Endpoints;

/// <summary><c>/</c> (an index; the Azure Functions host polls it for readiness) and <c>/healthz</c>.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapGet("/", Index)
            .WithName("Index")
            .WithSummary("What this service is and where its endpoints are")
            .WithTags("Meta");

        app.MapMethods("/healthz", [HttpMethods.Get, HttpMethods.Head], () => TypedResults.Ok(new Health("ok")))
            .WithName("Health")
            .WithSummary("Liveness: answers 200 while the process serves requests")
            .WithTags("Meta");

        return app;
    }

    public static Ok<ServiceIndex> Index() => TypedResults.Ok(new ServiceIndex(
        "CardService",
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        new Dictionary<string, string>
        {
            ["openapi"] = OpenApiExtensions.DocumentPath,
            ["docs"] = OpenApiExtensions.ReferencePath,
            ["health"] = "/healthz",
            ["card"] = "/card?title=Hello&category=Notes",
            ["cardFromPage"] = "/card?url=https://blog.example/post",
            ["meta"] = "/meta?url=https://blog.example/post",
            ["validate"] = "/validate?url=https://blog.example/post",
            ["rules"] = "/rules",
        }));

    public sealed record Health(string Status);

    public sealed record ServiceIndex(string Name, string Version, IReadOnlyDictionary<string, string> Links);
}
