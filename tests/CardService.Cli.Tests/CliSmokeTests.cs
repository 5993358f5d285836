using System.Diagnostics;

namespace CardService.Cli.Tests;

public class CliSmokeTests
{
    [Fact]
    public async Task Help_RunsTheBuiltTool_ExitsZeroAndNamesIt()
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "cardservice.dll");
        var start = new ProcessStartInfo("dotnet", [tool, "--help"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;

        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("cardservice", output, StringComparison.Ordinal);
    }
}
