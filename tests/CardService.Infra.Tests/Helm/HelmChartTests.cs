using System.Net;
using CardService.Functions.Tests.Support;
using CardService.Infra.Tests.Support;

namespace CardService.Infra.Tests.Helm;

/// <summary>The k3s chart, checked by real Helm 4.1.4 and against the app's own code.</summary>
public class HelmChartTests
{
    private static readonly string[] Probes = ["startupProbe", "livenessProbe", "readinessProbe"];

    public static TheoryData<string> ValueSets => RenderedChart.ValueSets;

    [Theory]
    [MemberData(nameof(ValueSets))]
    public async Task Lint_Strict_PassesWithNoWarning(string valuesFile)
    {
        var result = await ToolRun.RunAsync(
            InfraTools.Helm, ["lint", "--strict", RenderedChart.ChartFolder, .. RenderedChart.ValuesArguments(valuesFile)], RepoPaths.Root);

        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.Contains("0 chart(s) failed", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("[WARNING]", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERROR]", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_Defaults_RenderTheServiceWithoutIngressOrAutoscaler()
    {
        var chart = await RenderedChart.RenderAsync("values.yaml");

        Assert.Equal(
            ["ConfigMap", "Deployment", "Pod", "Service", "ServiceAccount"],
            chart.Documents.Select(d => d.Text("kind")!).Order());
        Assert.Equal("1", chart.Single("Deployment").Text("spec", "replicas"));
    }

    [Fact]
    public async Task Template_Production_AddsAutoscalerTraefikIngressAndSecretReferences()
    {
        var chart = await RenderedChart.RenderAsync("../production.yaml");

        var deployment = chart.Single("Deployment");
        var autoscaler = chart.Single("HorizontalPodAutoscaler");
        Assert.Equal(deployment.Text("metadata", "name"), autoscaler.Text("spec", "scaleTargetRef", "name"));
        Assert.Null(deployment.At("spec", "replicas")); // the autoscaler owns the count
        var ingress = chart.Single("Ingress");
        Assert.Equal("traefik", ingress.Text("spec", "ingressClassName"));
        var backend = ingress.Items("spec", "rules").Single().Items("http", "paths").Single().Map("backend", "service");
        Assert.Equal(chart.Single("Service").Text("metadata", "name"), backend.Text("name"));
        Assert.Equal(chart.Single("Service").Text("spec", "ports", 0, "port"), backend.Text("port", "number"));

        var fromSecrets = chart.Container.Items("env").Where(e => e.At("valueFrom", "secretKeyRef") is not null)
            .ToDictionary(e => e.Text("name")!, e => e.Text("valueFrom", "secretKeyRef", "name")!);
        Assert.Equal("cardservice-signing", fromSecrets["Signing__Keys__0"]);
        Assert.Equal("cardservice-signing", fromSecrets["Signing__Keys__1"]);
        Assert.Equal("cardservice-redis", fromSecrets["Redis__Configuration"]);
        Assert.Equal("true", chart.Single("ConfigMap").Text("data", "Signing__Required"));
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public async Task Deployment_ListeningPort_IsTheOneTheAppResolvesFromItsEnvironment(string valuesFile)
    {
        var chart = await RenderedChart.RenderAsync(valuesFile);

        var address = ListeningAddress.Resolve(chart.PlainEnvironment);
        var port = Assert.Single(chart.Container.Items("ports")).Map();

        Assert.Equal(port.Text("containerPort"), address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(ListeningAddress.IsEveryInterface(address), address.ToString());
        Assert.Equal("http", port.Text("name"));
        Assert.Equal("http", chart.Single("Service").Text("spec", "ports", 0, "targetPort"));
        foreach (var probe in Probes)
        {
            Assert.Equal("http", chart.Container.Text(probe, "httpGet", "port"));
        }
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public async Task Deployment_EveryEnvironmentName_IsASettingTheAppReads(string valuesFile)
    {
        var chart = await RenderedChart.RenderAsync(valuesFile);

        var problems = chart.EnvironmentNames.Select(AppSettingNames.Problem).OfType<string>().ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public async Task App_StartedWithTheChartsSettings_AnswersEveryProbePath(string valuesFile)
    {
        var chart = await RenderedChart.RenderAsync(valuesFile);
        var probePaths = Probes
            .Select(p => chart.Container.Text(p, "httpGet", "path")!)
            .Append(ConnectionTestPath(chart))
            .Distinct()
            .ToList();

        // The ConfigMap's values must pass the app's start-up validation, or the process exits here.
        // Secrets are not in the chart: stand in for a signing key it takes from one, as the Secret would (Signing:Required needs it).
        var settings = new Dictionary<string, string>(chart.PlainEnvironment, StringComparer.Ordinal);
        if (chart.EnvironmentNames.Contains("Signing__Keys__0"))
        {
            settings["Signing__Keys__0"] = Convert.ToBase64String(new byte[32]);
        }

        await using var app = await AppProcess.StartAsync(AppProcess.BuiltAppDll, "127.0.0.1", settings);
        foreach (var path in probePaths)
        {
            using var response = await app.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}.\n{app.Output}");
        }
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public async Task Deployment_Pod_IsLockedDownAndBounded(string valuesFile)
    {
        var chart = await RenderedChart.RenderAsync(valuesFile);
        var pod = chart.Single("Deployment").Map("spec", "template", "spec");
        var container = chart.Container;

        Assert.Equal("true", pod.Text("securityContext", "runAsNonRoot"));
        Assert.NotEqual("0", pod.Text("securityContext", "runAsUser"));
        Assert.Equal("false", pod.Text("automountServiceAccountToken"));
        Assert.Equal("true", container.Text("securityContext", "readOnlyRootFilesystem"));
        Assert.Equal("false", container.Text("securityContext", "allowPrivilegeEscalation"));
        Assert.Equal("ALL", container.Text("securityContext", "capabilities", "drop", 0));
        Assert.Equal("256Mi", container.Text("resources", "limits", "memory"));
        Assert.NotNull(container.Text("resources", "requests", "memory"));
        Assert.NotNull(container.Text("resources", "requests", "cpu"));

        // A read-only root needs a writable /tmp for .NET, backed by an emptyDir.
        var tmpMount = container.Items("volumeMounts").Single(m => m.Text("mountPath") == "/tmp");
        var tmpVolume = pod.Items("volumes").Single(v => v.Text("name") == tmpMount.Text("name"));
        Assert.NotNull(tmpVolume.At("emptyDir"));

        // No architecture pinned: the same chart runs on amd64 nodes and on a stack of Raspberry Pis.
        var deploymentText = new YamlDotNet.Serialization.SerializerBuilder().Build().Serialize(chart.Single("Deployment"));
        Assert.DoesNotContain("kubernetes.io/arch", deploymentText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_EveryTopLevelKey_IsDocumented()
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(RenderedChart.ChartFolder, "values.yaml"));

        var undocumented = lines
            .Select((line, index) => (line, index))
            .Where(l => l.line.Length > 0 && char.IsLetter(l.line[0]) && (l.index == 0 || !lines[l.index - 1].TrimStart().StartsWith('#')))
            .Select(l => l.line)
            .ToList();

        Assert.True(undocumented.Count == 0, "Keys without a comment line above them:\n" + string.Join('\n', undocumented));
    }

    [Fact]
    public async Task Notes_ClientSideInstall_TellsHowToReachTheService()
    {
        var result = await ToolRun.RunAsync(
            InfraTools.Helm, ["install", RenderedChart.ReleaseName, RenderedChart.ChartFolder, "--dry-run=client"], RepoPaths.Root);

        Assert.True(result.ExitCode == 0, result.Transcript);
        var notes = result.StandardOutput[result.StandardOutput.IndexOf("NOTES:", StringComparison.Ordinal)..];
        Assert.Contains("kubectl --namespace default port-forward service/cards-cardservice 8080:80", notes, StringComparison.Ordinal);
        Assert.Contains("helm test cards", notes, StringComparison.Ordinal);
    }

    private static string ConnectionTestPath(RenderedChart chart)
    {
        // The `helm test` pod fetches the service at its readiness path; it must be a path the app answers.
        var test = chart.OfKind("Pod").Single(p => p.Text("metadata", "annotations", "helm.sh/hook") == "test");
        var url = new Uri(test.Items("spec", "containers", 0, "args").Select(a => a.ToString()!).Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
        return url.AbsolutePath;
    }
}
