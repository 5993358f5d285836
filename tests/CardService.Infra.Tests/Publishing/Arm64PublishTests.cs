using System.Text;
using System.Text.Json.Nodes;
using CardService.Functions.Tests.Support;

namespace CardService.Infra.Tests.Publishing;

/// <summary>The server and the CLI published for linux-arm64 (a Raspberry Pi k3s node) carry arm64 native code only.</summary>
[Collection(SharedArm64Publish.Name)]
public class Arm64PublishTests(Arm64Publish publish)
{
    [Fact]
    public void Publish_ServerAndCli_Succeed()
    {
        Assert.True(Directory.Exists(publish.ServerFolder));
        Assert.True(Directory.Exists(publish.CliFolder));
    }

    [Theory]
    [InlineData("CardService.Functions")] // the apphost the image starts
    [InlineData("libSkiaSharp.so")]
    [InlineData("libHarfBuzzSharp.so")]
    [InlineData("libSystem.Globalization.Native.so")] // .NET's ICU shim (self-contained)
    [InlineData("libcoreclr.so")]
    public async Task Server_NativeFile_IsArm64(string name)
    {
        var description = await Arm64Publish.DescribeAsync(Path.Combine(publish.ServerFolder, name));

        Assert.Contains("ARM aarch64", description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cardservice")]
    [InlineData("libSkiaSharp.so")]
    [InlineData("libHarfBuzzSharp.so")]
    public async Task Cli_NativeFile_IsArm64(string name)
    {
        var description = await Arm64Publish.DescribeAsync(Path.Combine(publish.CliFolder, name));

        Assert.Contains("ARM aarch64", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_EveryNativeLibrary_IsForArm64Only()
    {
        var libraries = Directory.GetFiles(publish.ServerFolder, "*.so", SearchOption.AllDirectories);
        Assert.NotEmpty(libraries);

        foreach (var library in libraries)
        {
            Assert.Contains("ARM aarch64", await Arm64Publish.DescribeAsync(library), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Server_IcuLoader_HasItsPieces()
    {
        // The text layout calls the system ICU through Core's loader (libicuuc.so.NN), which needs ICU globalization on:
        // .NET's own shim in the output and no invariant mode in the runtime config.
        var core = await File.ReadAllBytesAsync(Path.Combine(publish.ServerFolder, "CardService.Core.dll"));
        Assert.True(core.AsSpan().IndexOf(Encoding.Unicode.GetBytes("libicuuc.so")) >= 0, "CardService.Core.dll has no ICU loader.");
        Assert.True(File.Exists(Path.Combine(publish.ServerFolder, "libSystem.Globalization.Native.so")));

        var runtimeConfig = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(publish.ServerFolder, "CardService.Functions.runtimeconfig.json")))!;
        Assert.NotEqual(true, runtimeConfig["runtimeOptions"]?["configProperties"]?["System.Globalization.Invariant"]?.GetValue<bool>());
    }

    [Fact]
    public void ServerAndCli_Fonts_AreAllPublished()
    {
        var fonts = Directory.GetFiles(Path.Combine(RepoPaths.Root, "fonts")).Select(Path.GetFileName).ToList();
        Assert.NotEmpty(fonts);

        foreach (var folder in new[] { publish.ServerFolder, publish.CliFolder })
        {
            var missing = fonts.Where(f => !File.Exists(Path.Combine(folder, "fonts", f!))).ToList();
            Assert.True(missing.Count == 0, $"{folder}/fonts lacks {string.Join(", ", missing)}");
        }
    }
}
