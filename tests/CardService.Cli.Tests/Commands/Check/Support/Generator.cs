using System.Diagnostics;

namespace CardService.Cli.Tests.Commands.Check.Support;

/// <summary>Runs a real static site generator (Debian's jekyll or hugo, installed by ./test.sh) and fails with its output when it fails.</summary>
public static class Generator
{
    public static async Task RunAsync(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{program}' is not installed ({e.Message}): ./test.sh installs it (Debian packages jekyll, ruby-jekyll-seo-tag, ruby-jekyll-feed, ruby-jekyll-redirect-from, hugo).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}\n{await errors}");
            }
        }
    }
}
