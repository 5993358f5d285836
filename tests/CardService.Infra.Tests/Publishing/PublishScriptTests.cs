using System.IO.Compression;
using CardService.Functions.Tests.Support;
using CardService.Infra.Tests.Support;

namespace CardService.Infra.Tests.Publishing;

/// <summary>infra/publish.sh, run for real: the Azure Functions package it zips.</summary>
public sealed class PublishScriptTests : IDisposable
{
    private readonly string _outside = Directory.CreateTempSubdirectory("cardservice-package-").FullName;

    private static string Script => Path.Combine(InfraTools.InfraFolder, "publish.sh");

    public void Dispose() => Directory.Delete(_outside, recursive: true);

    [Fact]
    public async Task PublishSh_OutsideTheRepository_ZipsAPackageTheHostCanStart()
    {
        var result = await ToolRun.RunAsync("bash", [Script, _outside], RepoPaths.Root);

        Assert.True(result.ExitCode == 0, result.Transcript);
        using var zip = await ZipFile.OpenReadAsync(Path.Combine(_outside, "cardservice.zip"));
        var entries = zip.Entries.ToDictionary(e => e.FullName);
        Assert.Contains("host.json", entries.Keys);
        Assert.Contains("appsettings.json", entries.Keys);
        Assert.Contains("fonts/Inter-Regular.otf", entries.Keys);
        // The isolated worker, started by the dotnet-isolated runtime: its index, its launch file and the worker itself.
        Assert.Contains("functions.metadata", entries.Keys);
        Assert.Contains("worker.config.json", entries.Keys);
        Assert.Contains("CardService.Functions.dll", entries.Keys);
        Assert.Contains("wwwroot/preview/preview.css", entries.Keys);
        Assert.DoesNotContain(entries.Keys, e => e.EndsWith("function.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishSh_IntoTheRepository_RefusesBeforePublishing()
    {
        var result = await ToolRun.RunAsync("bash", [Script, Path.Combine(RepoPaths.Root, "docs")], RepoPaths.Root);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("publish outside the repository", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(RepoPaths.Root, "docs", "cardservice")));
    }
}
