using System.Text.Json.Nodes;
using CardService.Functions.Tests.Support;
using CardService.Infra.Tests.Support;

namespace CardService.Infra.Tests.Bicep;

/// <summary>infra/main.bicep compiled once by the real Bicep compiler into an ARM template, with what it printed.</summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    private readonly string _outputFolder = Directory.CreateTempSubdirectory("cardservice-bicep-").FullName;

    internal ToolResult Build { get; private set; } = null!;

    internal JsonObject Main { get; private set; } = null!;

    public static string MainFile => Path.Combine(InfraTools.InfraFolder, "main.bicep");

    public async Task InitializeAsync()
    {
        Build = await ToolRun.RunAsync(InfraTools.Bicep, ["build", MainFile, "--outdir", _outputFolder], RepoPaths.Root);
        var compiled = Path.Combine(_outputFolder, "main.json");
        Main = File.Exists(compiled) ? JsonNode.Parse(await File.ReadAllTextAsync(compiled))!.AsObject() : [];
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_outputFolder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The template of the module deployed under <paramref name="deploymentName"/> (each Bicep module is a nested deployment).</summary>
    internal JsonObject Module(string deploymentName) =>
        Resources(Main).Single(r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == deploymentName)
            ["properties"]!["template"]!.AsObject();

    /// <summary>The one resource of <paramref name="type"/> that <paramref name="template"/> creates (not an <c>existing</c> reference).</summary>
    internal static JsonObject Resource(JsonObject template, string type) =>
        Assert.Single(Resources(template), r => r["type"]!.GetValue<string>() == type && r["existing"] is null);

    internal static IEnumerable<JsonObject> Resources(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray list => list.Select(r => r!.AsObject()),
            JsonObject symbolic => symbolic.Select(p => p.Value!.AsObject()), // languageVersion 2.0 names its resources
            _ => [],
        };
}
