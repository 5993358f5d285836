using CardService.Functions.Tests.Support;
using CardService.Infra.Tests.Support;

namespace CardService.Infra.Tests.Helm;

/// <summary>The chart in infra/helm/cardservice as real Helm renders it (<c>helm template</c>), read back as YAML.</summary>
internal sealed record RenderedChart(string ValuesFile, IReadOnlyList<Dictionary<object, object>> Documents)
{
    public const string ReleaseName = "cards";

    public static string ChartFolder => Path.Combine(RepoPaths.Root, "infra", "helm", "cardservice");

    /// <summary>The value sets the chart is checked with: its defaults and the production file.</summary>
    public static TheoryData<string> ValueSets => ["values.yaml", "../production.yaml"];

    public static async Task<RenderedChart> RenderAsync(string valuesFile)
    {
        var result = await ToolRun.RunAsync(InfraTools.Helm, ["template", ReleaseName, ChartFolder, .. ValuesArguments(valuesFile)], RepoPaths.Root);
        Assert.True(result.ExitCode == 0 && string.IsNullOrWhiteSpace(result.StandardError), result.Transcript);
        return new RenderedChart(valuesFile, Yaml.ReadDocuments(result.StandardOutput));
    }

    /// <summary>The -f argument for a value set; the chart's own values.yaml needs none.</summary>
    public static string[] ValuesArguments(string valuesFile) =>
        valuesFile == "values.yaml" ? [] : ["-f", Path.GetFullPath(Path.Combine(ChartFolder, valuesFile))];

    public IEnumerable<Dictionary<object, object>> OfKind(string kind) => Documents.Where(d => d.Text("kind") == kind);

    public Dictionary<object, object> Single(string kind) => Assert.Single(OfKind(kind));

    /// <summary>The server container of the Deployment.</summary>
    public Dictionary<object, object> Container => Assert.Single(Single("Deployment").Items("spec", "template", "spec", "containers")).Map();

    /// <summary>The environment the server sees: the container's plain env values and the ConfigMap it loads.</summary>
    public IReadOnlyDictionary<string, string> PlainEnvironment =>
        Container.Items("env").Where(e => e.At("value") is not null).ToDictionary(e => e.Text("name")!, e => e.Text("value")!)
            .Concat(Single("ConfigMap").Map("data").Select(p => KeyValuePair.Create(p.Key.ToString()!, p.Value.ToString()!)))
            .ToDictionary();

    /// <summary>Every environment variable name the pod gets, from values, Secrets and the ConfigMap.</summary>
    public IEnumerable<string> EnvironmentNames =>
        Container.Items("env").Select(e => e.Text("name")!).Concat(Single("ConfigMap").Map("data").Keys.Select(k => k.ToString()!));
}
