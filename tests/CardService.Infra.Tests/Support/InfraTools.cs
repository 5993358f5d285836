using System.Reflection;
using CardService.Functions.Tests.Support;

namespace CardService.Infra.Tests.Support;

/// <summary>Where the real tools live. A missing tool fails the test with the step that installs it; nothing is skipped.</summary>
internal static class InfraTools
{
    /// <summary>The Bicep compiler from the NuGet package this project downloads (see the csproj).</summary>
    public static string Bicep => RequireFile(
        Path.Combine(Metadata("BicepPackageFolder"), "tools", "bicep"),
        "the Bicep compiler is restored with this test project (PackageDownload Azure.Bicep.CommandLine.linux-x64); run dotnet restore");

    /// <summary>Helm, put into the repository's gitignored .tools/ by ./test.sh.</summary>
    public static string Helm => RequireFile(
        Path.Combine(RepoPaths.Root, ".tools", "helm", "helm"),
        "./test.sh installs Helm into .tools/helm (ensure_helm); run it once");

    /// <summary>The `file` command (Debian package "file", installed by ./test.sh).</summary>
    public static string File => RequireFile("/usr/bin/file", "./test.sh installs the Debian package 'file'");

    public static string InfraFolder => Path.Combine(RepoPaths.Root, "infra");

    private static string Metadata(string key) =>
        typeof(InfraTools).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata; see CardService.Infra.Tests.csproj.");

    private static string RequireFile(string path, string howToInstall) =>
        System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: {howToInstall}.", path);
}
