using System.Net;
using System.Text.Json;
using CardService.Functions.Tests.Support;
using CardService.Infra.Tests.Helm;
using CardService.Infra.Tests.Publishing;
using CardService.Infra.Tests.Support;

namespace CardService.Infra.Tests.Docker;

/// <summary>
/// The Dockerfile cannot be built here (no base image can be pulled), so what it would do is checked piece by piece: its
/// publish step runs for arm64 (<see cref="Arm64Publish"/>), what it copies exists, and its port and health path agree
/// with the app and the chart.
/// </summary>
[Collection(SharedArm64Publish.Name)]
public class DockerfileTests(Arm64Publish publish)
{
    private static readonly string[] RootUsers = ["root", "0", "0:0"];

    private readonly DockerfileModel _dockerfile = DockerfileModel.Read();

    [Fact]
    public void BuildStage_CrossPublishesForTheTargetArchitecture()
    {
        var build = _dockerfile.All("FROM").First();
        Assert.Contains("--platform=$BUILDPLATFORM", build.Arguments, StringComparison.Ordinal);
        Assert.Contains("mcr.microsoft.com/dotnet/sdk:10.0", build.Arguments, StringComparison.Ordinal);
        Assert.Contains(_dockerfile.All("ARG"), a => a.Stage == 0 && a.Arguments == "TARGETARCH");

        var arguments = _dockerfile.PublishArguments("arm64");
        Assert.Equal("arm64", arguments[arguments.ToList().IndexOf("-a") + 1]);
        Assert.Contains("--self-contained", arguments); // the runtime-deps base has no .NET
        Assert.Contains("src/CardService.Functions", arguments); // the plain server
    }

    [Fact]
    public void FinalStage_IsNonRootOnARuntimeDepsBaseWithIcu()
    {
        var final = _dockerfile.All("FROM").Last().Arguments;
        Assert.Contains("mcr.microsoft.com/dotnet/runtime-deps:10.0", final, StringComparison.Ordinal);
        // Chiseled images carry ICU only in their "-extra" flavour; the text layout needs it.
        Assert.True(!final.Contains("chiseled", StringComparison.Ordinal) || final.Contains("-extra", StringComparison.Ordinal), final);

        var user = Assert.Single(_dockerfile.All("USER"), u => u.Stage == _dockerfile.FinalStage).Arguments;
        Assert.DoesNotContain(user, RootUsers);
    }

    [Fact]
    public void BuildStage_CopiesEveryFileAndProjectThePublishReads()
    {
        var sources = _dockerfile.All("COPY")
            .Where(c => c.Stage == 0)
            .SelectMany(c => c.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();
        foreach (var source in sources)
        {
            Assert.True(Path.Exists(Path.Combine(RepoPaths.Root, source)), $"COPY {source}: not in the repository.");
        }

        // Every project the server references, however deep, must be in the build context it copies.
        foreach (var project in ProjectClosure(Path.Combine(RepoPaths.FunctionsProject, "CardService.Functions.csproj")))
        {
            var folder = Path.GetRelativePath(RepoPaths.Root, Path.GetDirectoryName(project)!) + "/";
            Assert.Contains(folder, sources);
        }

        Assert.Contains("fonts/", sources);
        Assert.Contains("host.json", sources);
    }

    [Fact]
    public async Task Entrypoint_IsTheArm64ExecutableThePublishWrites()
    {
        var entrypoint = JsonSerializer.Deserialize<string[]>(Assert.Single(_dockerfile.All("ENTRYPOINT")).Arguments)!;
        var copied = Assert.Single(_dockerfile.All("COPY"), c => c.Stage == _dockerfile.FinalStage).Arguments;
        Assert.Equal("--from=build /app/ ./", copied);
        Assert.Equal("/app", Assert.Single(_dockerfile.All("WORKDIR"), w => w.Stage == _dockerfile.FinalStage).Arguments);

        var description = await Arm64Publish.DescribeAsync(Path.Combine(publish.ServerFolder, entrypoint[0].TrimStart('.', '/')));
        Assert.Contains("ARM aarch64", description, StringComparison.Ordinal);
        Assert.Contains("executable", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Port_IsTheOneTheAppResolvesAndTheChartUses()
    {
        var address = ListeningAddress.Resolve(FinalEnvironment());
        var chartValues = Yaml.ReadMap(File.ReadAllText(Path.Combine(RenderedChart.ChartFolder, "values.yaml")));

        Assert.True(ListeningAddress.IsEveryInterface(address), address.ToString());
        Assert.Equal(address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(_dockerfile.All("EXPOSE")).Arguments);
        Assert.Equal(address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), chartValues.Text("containerPort"));
    }

    [Fact]
    public async Task HealthPath_IsAnsweredByTheAppAndProbedByTheChart()
    {
        var label = Assert.Single(_dockerfile.All("LABEL")).Arguments;
        var healthPath = label.Split(' ').Single(l => l.StartsWith("io.cardservice.health-path=", StringComparison.Ordinal)).Split('=')[1].Trim('"');
        var chartValues = Yaml.ReadMap(File.ReadAllText(Path.Combine(RenderedChart.ChartFolder, "values.yaml")));
        Assert.Equal(healthPath, chartValues.Text("livenessProbe", "httpGet", "path"));

        await using var app = await AppProcess.StartAsync(AppProcess.BuiltAppDll, "127.0.0.1", FinalEnvironment());
        using var response = await app.Client.GetAsync(new Uri(healthPath, UriKind.Relative));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {healthPath} answered {(int)response.StatusCode}.\n{app.Output}");
    }

    private Dictionary<string, string> FinalEnvironment() =>
        _dockerfile.All("ENV").Where(e => e.Stage == _dockerfile.FinalStage)
            .Select(e => e.Arguments.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);

    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var document = System.Xml.Linq.XDocument.Load(current);
            foreach (var reference in document.Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, include)));
            }
        }

        return seen;
    }
}
