using System.Xml.Linq;
using CardService.Functions.Tests.Support;
using CardService.Infra.Tests.Support;

namespace CardService.Infra.Tests.Publishing;

/// <summary>
/// The packed <c>cardservice</c> tool runs on linux-x64 and linux-arm64 (issue 10: a Raspberry Pi builds a blog too):
/// each platform's package carries that platform's SkiaSharp and HarfBuzz natives, and the pointer package names both.
/// </summary>
[Collection(SharedToolPackage.Name)]
public class ToolPackageTests(ToolPackage package)
{
    [Fact]
    public void PointerPackage_ToolSettings_NameAPackagePerRid()
    {
        using var pointer = package.Open(ToolPackage.Id);
        var settings = pointer.Entries.SingleOrDefault(e => e.Name == "DotnetToolSettings.xml");
        Assert.NotNull(settings);

        using var stream = settings.Open();
        var declared = XDocument.Load(stream).Descendants("RuntimeIdentifierPackage")
            .ToDictionary(e => (string)e.Attribute("RuntimeIdentifier")!, e => (string)e.Attribute("Id")!);

        Assert.Equal(ToolPackage.Rids.ToDictionary(r => r, r => $"{ToolPackage.Id}.{r}"), declared);
    }

    [Theory]
    [InlineData("linux-x64", "libSkiaSharp.so", "x86-64")]
    [InlineData("linux-x64", "libHarfBuzzSharp.so", "x86-64")]
    [InlineData("linux-arm64", "libSkiaSharp.so", "aarch64")]
    [InlineData("linux-arm64", "libHarfBuzzSharp.so", "aarch64")]
    public void RidPackage_NativeLibrary_IsBuiltForThatRid(string rid, string library, string machine)
    {
        using var ridPackage = package.Open($"{ToolPackage.Id}.{rid}");
        var entry = ridPackage.GetEntry($"tools/net10.0/{rid}/{library}");
        Assert.True(entry is not null, $"{library} is not in {rid}'s package: {string.Join(", ", ridPackage.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".so", StringComparison.Ordinal)))}");

        Assert.Equal(machine, ToolPackage.ElfMachine(entry));
    }

    [Theory]
    [InlineData("linux-x64")]
    [InlineData("linux-arm64")]
    public void RidPackage_NativeLibraries_AreAllForThatRid(string rid)
    {
        using var ridPackage = package.Open($"{ToolPackage.Id}.{rid}");
        var natives = ridPackage.Entries.Where(e => e.Name.EndsWith(".so", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(natives);

        var expected = rid.EndsWith("arm64", StringComparison.Ordinal) ? "aarch64" : "x86-64";
        Assert.All(natives, n => Assert.Equal(expected, ToolPackage.ElfMachine(n)));
    }

    [Theory]
    [InlineData("linux-x64")]
    [InlineData("linux-arm64")]
    public void RidPackage_Fonts_AreAllPacked(string rid)
    {
        var fonts = Directory.GetFiles(Path.Combine(RepoPaths.Root, "fonts")).Select(Path.GetFileName).ToList();
        Assert.NotEmpty(fonts);
        using var ridPackage = package.Open($"{ToolPackage.Id}.{rid}");

        var missing = fonts.Where(f => ridPackage.GetEntry($"tools/net10.0/{rid}/fonts/{f}") is null).ToList();

        Assert.True(missing.Count == 0, $"{rid}'s package lacks fonts/{string.Join(", fonts/", missing)}");
    }

    [Fact]
    public async Task InstalledTool_OnThisMachine_RunsTheRidPackageForIt()
    {
        // As the README installs it: the pointer package resolves to this machine's RID package from the same source.
        Assert.True(package.Pack.ExitCode == 0, package.Pack.Transcript);
        var toolPath = Directory.CreateTempSubdirectory("cardservice-tool-").FullName;
        try
        {
            var install = await ToolRun.RunAsync("dotnet", ["tool", "install", "--tool-path", toolPath, "--add-source", package.Folder, ToolPackage.Id], RepoPaths.Root);
            Assert.True(install.ExitCode == 0, install.Transcript);

            var help = await ToolRun.RunAsync(Path.Combine(toolPath, "cardservice"), ["--help"], toolPath);

            Assert.True(help.ExitCode == 0, help.Transcript);
            Assert.Contains("cards", help.StandardOutput, StringComparison.Ordinal);
            var machine = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux-arm64" : "linux-x64";
            Assert.True(Directory.EnumerateFiles(toolPath, "libSkiaSharp.so", SearchOption.AllDirectories).Any(p => p.Contains($"/{ToolPackage.Id.ToLowerInvariant()}.{machine}/", StringComparison.Ordinal)),
                $"No {machine} package under {toolPath}.");
        }
        finally
        {
            Directory.Delete(toolPath, recursive: true);
        }
    }
}
