using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CardService.Functions.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace CardService.Functions.Tests.AzureFunctions;

/// <summary>
/// The functions the worker declares (<c>HttpFunctions</c>' attributes and the <c>functions.metadata</c> the build writes) against
/// the app's route table: every function answered by the app, every route of the app behind a function, nothing the host owns.
/// </summary>
public partial class HttpFunctionsTests(CardServiceFactory factory) : IClassFixture<CardServiceFactory>
{
    public static TheoryData<string> FunctionNames() => new(FunctionDeclarations.All.Select(f => f.Name));

    [Fact]
    public void Functions_AreTheEightRouteFamiliesOfTheApi()
    {
        Assert.Equal(["card", "docs", "healthz", "meta", "openapi", "preview", "rules", "validate"], FunctionDeclarations.All.Select(f => f.Name));
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Function_IsAnonymousWithARouteOfItsOwn(string name)
    {
        var function = FunctionDeclarations.Named(name);

        Assert.Equal(AuthorizationLevel.Anonymous, function.AuthLevel);
        Assert.Matches(FunctionName(), name);
        Assert.False(function.Route.StartsWith("admin", StringComparison.OrdinalIgnoreCase), $"{name}: routes starting with 'admin' belong to the Functions host.");
        Assert.False(function.Route.StartsWith("runtime/", StringComparison.OrdinalIgnoreCase), $"{name}: 'runtime/' belongs to the Functions host.");
        Assert.Equal(name, function.Route.Split('/')[0]);
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public async Task Function_EveryDeclaredRouteAndMethod_IsAnsweredByTheApp(string name)
    {
        var function = FunctionDeclarations.Named(name);
        using var client = factory.CreateClient();
        // A catch-all ({*path}) also covers the bare prefix, the one path sure to exist.
        var path = "/" + RouteParameter().Replace(CatchAll().Replace(function.Route, ""), "x");

        foreach (var method in function.Methods)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            if (method == "OPTIONS")
            {
                // The host forwards browsers' CORS preflights; the app answers them (CrossOriginTests).
                request.Headers.Add("Origin", "https://reader.example");
                request.Headers.Add("Access-Control-Request-Method", "POST");
            }

            using var response = await client.SendAsync(request);

            Assert.True(response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed),
                $"{name}: {method} {path} answered {(int)response.StatusCode}.");
        }
    }

    [Fact]
    public void App_EveryMappedRoute_IsDeclaredByAFunction()
    {
        // Adding an endpoint means one Map call and, when its path is new, one [Function]; this catches a forgotten function.
        var declared = FunctionDeclarations.All.SelectMany(f => f.Methods.Select(method => (f.Route, Method: method))).ToHashSet();
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: e.RoutePattern.RawText!.Trim('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Route.Length > 0) // "/" is the index and the landing page; the host serves its own page there
            .SelectMany(e => e.Methods.Select(method => (Route: e.Route == "openapi/{documentName}.json" ? "openapi/v1.json" : e.Route, Method: method)));

        var catchAlls = declared.Where(d => CatchAll().IsMatch(d.Route)).Select(d => (Prefix: CatchAll().Replace(d.Route, "").TrimEnd('/'), d.Method)).ToList();
        var undeclared = mapped.Where(m => !declared.Contains(m)
            && !catchAlls.Any(c => c.Method == m.Method && (m.Route == c.Prefix || m.Route.StartsWith(c.Prefix + "/", StringComparison.Ordinal)))).ToList();

        Assert.True(undeclared.Count == 0, "Mapped but not declared by a [Function] in HttpFunctions: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void BuildOutput_FunctionsMetadata_ListsEachFunctionAsDeclared()
    {
        // What the worker tells the host (FunctionMetadataResponse) comes from the same index the SDK writes here.
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))!.AsArray();

        var listed = metadata.Select(f =>
        {
            var trigger = f!["bindings"]!.AsArray().Single(b => (string?)b!["type"] == "httpTrigger")!;
            return new FunctionDeclaration(
                (string)f["name"]!,
                (string)trigger["route"]!,
                [.. trigger["methods"]!.AsArray().Select(m => ((string)m!).ToUpperInvariant())],
                Enum.Parse<AuthorizationLevel>((string)trigger["authLevel"]!, ignoreCase: true));
        }).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();

        Assert.Equal(FunctionDeclarations.All.Select(Describe), listed.Select(Describe));
        Assert.All(metadata, f => Assert.Single(f!["bindings"]!.AsArray(), b => (string?)b!["type"] == "http" && (string?)b["name"] == "$return"));
    }

    private static string Describe(FunctionDeclaration f) => $"{f.Name} {f.AuthLevel} {string.Join(',', f.Methods)} {f.Route}";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex FunctionName();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\{\*[^}]*\}$")]
    private static partial Regex CatchAll();
}
