using CardService.Functions.Tests.Support;
using CardService.Infra.Tests.Docker;
using CardService.Infra.Tests.Support;

namespace CardService.Infra.Tests.Publishing;

/// <summary>
/// One linux-arm64 publish of the server (with the Dockerfile's own publish command, TARGETARCH=arm64) and one of the CLI,
/// shared by every test that reads them: publishing is the slow part on two cores.
/// </summary>
public sealed class Arm64Publish : IAsyncLifetime
{
    public const string Rid = "linux-arm64";

    private readonly string _root = Directory.CreateTempSubdirectory("cardservice-arm64-").FullName;

    /// <summary>The server's publish folder; a failed publish fails the test that reads it, with the publish's output.</summary>
    public string ServerFolder => Succeeded(ServerPublish, Path.Combine(_root, "server"));

    /// <summary>The CLI's publish folder, likewise.</summary>
    public string CliFolder => Succeeded(CliPublish, Path.Combine(_root, "cli"));

    internal ToolResult ServerPublish { get; private set; } = null!;

    internal ToolResult CliPublish { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Its own bin/obj (--artifacts-path), so the linux-x64 build the other test projects run from is left alone.
        string[] isolated = ["--artifacts-path", Path.Combine(_root, "artifacts")];
        var dockerPublish = DockerfileModel.Read().PublishArguments("arm64").ToList();
        var output = dockerPublish.IndexOf("-o");
        Assert.True(output >= 0, "The Dockerfile's dotnet publish names no -o folder.");
        dockerPublish[output + 1] = Path.Combine(_root, "server");

        ServerPublish = await ToolRun.RunAsync("dotnet", [.. dockerPublish, .. isolated], RepoPaths.Root);
        CliPublish = await ToolRun.RunAsync(
            "dotnet",
            ["publish", "src/CardService.Cli", "-c", "Release", "-r", Rid, "--self-contained", "false", "-o", Path.Combine(_root, "cli"), "-nologo", .. isolated],
            RepoPaths.Root);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private static string Succeeded(ToolResult publish, string folder)
    {
        Assert.True(publish.ExitCode == 0, publish.Transcript);
        return folder;
    }

    /// <summary>What <c>file</c> says a published file is (e.g. "ELF 64-bit LSB shared object, ARM aarch64, ...").</summary>
    internal static async Task<string> DescribeAsync(string path)
    {
        Assert.True(File.Exists(path), $"{path} is not in the publish output.");
        var result = await ToolRun.RunAsync(InfraTools.File, ["-b", path], Path.GetDirectoryName(path)!);
        Assert.True(result.ExitCode == 0, result.Transcript);
        return result.StandardOutput.Trim();
    }
}

/// <summary>Test classes that read the linux-arm64 publish share it through this collection.</summary>
[CollectionDefinition(Name)]
public sealed class SharedArm64Publish : ICollectionFixture<Arm64Publish>
{
    public const string Name = "linux-arm64 publish";
}
