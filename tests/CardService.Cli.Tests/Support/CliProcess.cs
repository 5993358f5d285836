using System.Diagnostics;

namespace CardService.Cli.Tests.Support;

/// <summary>What one run of the built tool did.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the built tool (<c>dotnet cardservice.dll …</c>) in a folder, as a build step would.</summary>
internal static class CliProcess
{
    public static async Task<CliRun> RunAsync(string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "cardservice.dll"), .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("CARDSERVICE_FETCH__ALLOWEDPRIVATENETWORKS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // ends a hung run (a FIFO read, say) as a failure; not a timing assertion
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cardservice {string.Join(' ', args)} did not exit.");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
