using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CardService.Functions.Tests.Support;
using Json.Schema;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CardService.Functions.Tests.Hosting;

/// <summary>
/// host.json and every Functions/&lt;name&gt;/function.json: SchemaStore's schemas (draft-07, see shared/schemas/SOURCE.md)
/// plus the rules that keep every function a plain HTTP pass-through to this app.
/// </summary>
public partial class FunctionManifestTests(CardServiceFactory factory) : IClassFixture<CardServiceFactory>
{
    private static string FunctionsFolder => Path.Combine(RepoPaths.FunctionsProject, "Functions");

    private static string[] Names() =>
        [.. Directory.GetDirectories(FunctionsFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static TheoryData<string> FunctionNames() => new(Names());

    private static JsonNode ReadFunction(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionsFolder, name, "function.json")))!;

    private static JsonObject HttpTrigger(string name) =>
        ReadFunction(name)["bindings"]!.AsArray().Single(b => (string?)b!["type"] == "httpTrigger")!.AsObject();

    private static string Route(string name) => (string?)HttpTrigger(name)["route"] ?? name;

    private static string[] Methods(string name) =>
        [.. HttpTrigger(name)["methods"]!.AsArray().Select(m => ((string)m!).ToUpperInvariant())];

    private static JsonSchema LoadSchema(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Shared, "schemas", file));
        // function.schema.json says draft-04 but needs draft-07 semantics (`const`); SOURCE.md explains. Evaluate both as draft-07.
        var node = JsonNode.Parse(text)!.AsObject();
        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        node.Remove("id");
        return JsonSchema.FromText(node.ToJsonString());
    }

    private static void AssertValid(JsonSchema schema, JsonNode instance, string what)
    {
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, EvaluateAs = SpecVersion.Draft7 });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"));
        Assert.True(result.IsValid, $"{what} does not match its schema:\n{string.Join('\n', errors.Take(20))}");
    }

    [Fact]
    public void HostJson_MatchesHostSchema()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!;

        AssertValid(LoadSchema("host.schema.json"), host, "host.json");
    }

    [Fact]
    public void HostJson_RunsThisAppAsAProxyingCustomHandlerWithoutRoutePrefix()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!;

        Assert.Equal("2.0", (string?)host["version"]);
        Assert.Equal("CardService.Functions", (string?)host["customHandler"]!["description"]!["defaultExecutablePath"]);
        Assert.True((bool?)host["customHandler"]!["enableProxyingHttpRequest"]);
        Assert.Equal("", (string?)host["extensions"]!["http"]!["routePrefix"]);
    }

    [Fact]
    public void SchemaCheck_RejectsABrokenFunction()
    {
        // Guards the guard: a schema evaluation that accepted everything would make the tests above worthless.
        var broken = JsonNode.Parse("""{"bindings":[{"type":"httpTrigger","direction":"in","name":"req","authLevel":"public","methods":["get"]}]}""")!;

        var result = LoadSchema("function.schema.json").Evaluate(broken, new EvaluationOptions { EvaluateAs = SpecVersion.Draft7 });

        Assert.False(result.IsValid);
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void FunctionJson_MatchesFunctionSchema(string name)
    {
        AssertValid(LoadSchema("function.schema.json"), ReadFunction(name), $"{name}/function.json");
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void FunctionJson_HasExactlyOneHttpTriggerAndOneHttpOutput(string name)
    {
        var bindings = ReadFunction(name)["bindings"]!.AsArray();

        Assert.Equal(2, bindings.Count);
        Assert.Single(bindings, b => (string?)b!["type"] == "httpTrigger" && (string?)b["direction"] == "in");
        Assert.Single(bindings, b => (string?)b!["type"] == "http" && (string?)b["direction"] == "out");
        Assert.Equal("anonymous", (string?)HttpTrigger(name)["authLevel"]);
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void FunctionJson_RouteIsOursAndNamedLikeItsFolder(string name)
    {
        var route = Route(name);

        Assert.Matches(FunctionName(), name);
        Assert.False(route.StartsWith("admin", StringComparison.OrdinalIgnoreCase), $"{name}: routes starting with 'admin' belong to the Functions host.");
        Assert.False(route.StartsWith("runtime/", StringComparison.OrdinalIgnoreCase), $"{name}: 'runtime/' belongs to the Functions host.");
        Assert.Equal(name, route.Split('/')[0]);
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public async Task FunctionJson_EveryDeclaredRouteAndMethod_IsAnsweredByTheApp(string name)
    {
        using var client = factory.CreateClient();
        // A catch-all ({*path}) also covers the bare prefix, the one path sure to exist.
        var path = "/" + RouteParameter().Replace(CatchAll().Replace(Route(name), ""), "x");

        foreach (var method in Methods(name))
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
    public void App_EveryMappedRoute_IsDeclaredByAFunctionFolder()
    {
        // Adding an endpoint means one Map call and one Functions/<name>/function.json; this catches a forgotten folder.
        var declared = Names()
            .SelectMany(name => Methods(name).Select(method => (Route: Route(name), Method: method)))
            .ToHashSet();
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: e.RoutePattern.RawText!.Trim('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Route.Length > 0) // "/" is the host's readiness ping, not a function
            .SelectMany(e => e.Methods.Select(method => (Route: e.Route == "openapi/{documentName}.json" ? "openapi/v1.json" : e.Route, Method: method)));

        var catchAlls = declared.Where(d => CatchAll().IsMatch(d.Route)).Select(d => (Prefix: CatchAll().Replace(d.Route, "").TrimEnd('/'), d.Method)).ToList();
        var undeclared = mapped.Where(m => !declared.Contains(m)
            && !catchAlls.Any(c => c.Method == m.Method && (m.Route == c.Prefix || m.Route.StartsWith(c.Prefix + "/", StringComparison.Ordinal)))).ToList();

        Assert.True(undeclared.Count == 0, "Mapped but not declared in Functions/*/function.json: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void BuildOutput_HasHostJsonAndEachFunctionFolderAtItsRoot()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "host.json")));
        foreach (var name in Names())
        {
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, name, "function.json")), $"{name}/function.json is not copied to the output root.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex FunctionName();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\{\*[^}]*\}$")]
    private static partial Regex CatchAll();
}
