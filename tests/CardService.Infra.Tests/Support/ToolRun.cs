using System.Diagnostics;

namespace CardService.Infra.Tests.Support;

/// <summary>What a command-line tool said and how it ended.</summary>
internal sealed record ToolResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything the tool printed, for assertion messages.</summary>
    public string Transcript => $"$ {Command}\n(exit {ExitCode})\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

/// <summary>Runs the real tools (bicep, helm, dotnet, file) and captures their output.</summary>
internal static class ToolRun
{
    // Stops a hung tool; not a timing assertion.
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(15);

    public static async Task<ToolResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var command = $"{fileName} {string.Join(' ', start.ArgumentList)}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(Guard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} ran for more than {Guard}.");
        }

        return new ToolResult(command, process.ExitCode, await stdout, await stderr);
    }
}
