using System.IO.Compression;
using CardService.Functions.Tests.Support;
using CardService.Infra.Tests.Support;

namespace CardService.Infra.Tests.Publishing;

/// <summary>infra/publish.sh, run for real: the Azure Functions package it zips.</summary>
public sealed class PublishScriptTests : IDisposable
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

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
        if (entries.ContainsKey("functions.metadata"))
        {
            Assert.Contains("CardService.Functions.dll", entries.Keys); // the isolated worker, started by the dotnet-isolated runtime
        }
        else
        {
            // The custom handler is started as an executable: zipped on Linux, it keeps its exec bit.
            var mode = (UnixFileMode)((entries["CardService.Functions"].ExternalAttributes >> 16) & 0x1FF);
            Assert.True((mode & AnyExecute) != 0, $"CardService.Functions is zipped with mode {mode}.");
            foreach (var manifest in Directory.GetFiles(Path.Combine(RepoPaths.FunctionsProject, "Functions"), "function.json", SearchOption.AllDirectories))
            {
                Assert.Contains($"{Path.GetFileName(Path.GetDirectoryName(manifest))}/function.json", entries.Keys);
            }
        }
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
