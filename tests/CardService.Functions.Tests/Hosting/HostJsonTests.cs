using System.Text.Json.Nodes;
using CardService.Functions.Tests.Support;
using Json.Schema;

namespace CardService.Functions.Tests.Hosting;

/// <summary>host.json against SchemaStore's schema (draft-07, see shared/schemas/SOURCE.md) and what the isolated worker needs of it.</summary>
public class HostJsonTests
{
    private static JsonNode HostJson() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!;

    private static JsonSchema LoadSchema(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Shared, "schemas", file));
        // function.schema.json says draft-04 but needs draft-07 semantics (`const`); SOURCE.md explains. Evaluate both as draft-07.
        var node = JsonNode.Parse(text)!.AsObject();
        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        node.Remove("id");
        return JsonSchema.FromText(node.ToJsonString());
    }

    [Fact]
    public void HostJson_MatchesHostSchema()
    {
        var result = LoadSchema("host.schema.json").Evaluate(HostJson(), new EvaluationOptions { OutputFormat = OutputFormat.List, EvaluateAs = SpecVersion.Draft7 });

        var errors = (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"));
        Assert.True(result.IsValid, $"host.json does not match its schema:\n{string.Join('\n', errors.Take(20))}");
    }

    [Fact]
    public void SchemaCheck_RejectsABrokenHostJson()
    {
        // Guards the guard: a schema evaluation that accepted everything would make the test above worthless.
        var broken = JsonNode.Parse("""{"version":"2.0","functionTimeout":"two minutes","extensions":{"http":{"routePrefix":7}}}""")!;

        Assert.False(LoadSchema("host.schema.json").Evaluate(broken, new EvaluationOptions { EvaluateAs = SpecVersion.Draft7 }).IsValid);
    }

    [Fact]
    public void HostJson_IsForTheIsolatedWorkerWithoutRoutePrefix()
    {
        var host = HostJson();

        Assert.Equal("2.0", (string?)host["version"]);
        // The worker speaks gRPC to the host; a customHandler section would make the host start the binary as an HTTP server instead.
        Assert.Null(host["customHandler"]);
        Assert.Equal("", (string?)host["extensions"]!["http"]!["routePrefix"]);
    }

    [Fact]
    public void BuildOutput_HasHostJsonAndTheWorkerConfigAtItsRoot()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "host.json")));
        var worker = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "worker.config.json")))!;
        Assert.Equal("dotnet-isolated", (string?)worker["description"]!["language"]);
        Assert.Equal("CardService.Functions.dll", (string?)worker["description"]!["defaultWorkerPath"]);
    }
}
