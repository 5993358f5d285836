using System.IO.Compression;
using CardService.Functions.Tests.Support;
using CardService.Infra.Tests.Support;

namespace CardService.Infra.Tests.Publishing;

/// <summary>
/// One <c>dotnet pack</c> of the <c>cardservice</c> tool, as a user's CI makes it, shared by the tests that read it:
/// .NET 10 makes a pointer package and one framework-dependent package per RID.
/// </summary>
public sealed class ToolPackage : IAsyncLifetime
{
    public const string Id = "CardService.Cli";
    public static readonly string[] Rids = ["linux-x64", "linux-arm64"];

    private readonly string _root = Directory.CreateTempSubdirectory("cardservice-pack-").FullName;

    public string Folder => Path.Combine(_root, "pack");

    internal ToolResult Pack { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Its own bin/obj (--artifacts-path), so the build the other test projects run from is left alone.
        Pack = await ToolRun.RunAsync(
            "dotnet",
            ["pack", "src/CardService.Cli", "-c", "Release", "-o", Folder, "-nologo", "--artifacts-path", Path.Combine(_root, "artifacts")],
            RepoPaths.Root);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The package <paramref name="id"/>; a failed pack fails the test that asks, with the pack's output.</summary>
    public ZipArchive Open(string id)
    {
        Assert.True(Pack.ExitCode == 0, Pack.Transcript);
        var path = Path.Combine(Folder, $"{id}.1.0.0.nupkg");
        Assert.True(File.Exists(path), $"{path} was not packed; the folder holds {string.Join(", ", Directory.GetFiles(Folder).Select(Path.GetFileName))}.");
        return ZipFile.OpenRead(path);
    }

    /// <summary>The machine an ELF file is built for: e_machine, the little-endian 16 bits at offset 18 of the header.</summary>
    public static string ElfMachine(ZipArchiveEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var stream = entry.Open();
        var header = new byte[20];
        stream.ReadExactly(header);
        Assert.True(header.AsSpan(0, 4).SequenceEqual((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']), $"{entry.FullName} is not an ELF file.");
        return (header[18] | header[19] << 8) switch
        {
            0x3E => "x86-64",
            0xB7 => "aarch64",
            var other => $"e_machine 0x{other:X}",
        };
    }
}

/// <summary>Test classes that read the packed tool share it through this collection.</summary>
[CollectionDefinition(Name)]
public sealed class SharedToolPackage : ICollectionFixture<ToolPackage>
{
    public const string Name = "cardservice tool package";
}
