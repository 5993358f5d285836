using System.Diagnostics;

namespace CardService.Cli.Tests.Support;

/// <summary>One finished run of the built tool.</summary>
public sealed record ToolRun(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the built tool (<c>dotnet cardservice.dll …</c>) as a build step would: a real process, output redirected.</summary>
public static class Tool
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "cardservice.dll");

    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet", [Dll, .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // As in CI: no progress bar, one plain line per card.
        start.Environment["CI"] = "true";
        return start;
    }

    public static Task<ToolRun> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, null, args);

    /// <summary>Runs the tool with <paramref name="environment"/> added; a run that hangs (a FIFO read, say) is killed and fails.</summary>
    public static async Task<ToolRun> RunAsync(string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        var start = StartInfo(workingDirectory, args);
        start.Environment.Remove("CARDSERVICE_FETCH__ALLOWEDPRIVATENETWORKS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5)); // not a timing assertion: only ends a hung run
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cardservice {string.Join(' ', args)} did not exit.");
        }

        return new ToolRun(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>The shared corpus beside the repository: a test that needs it fails saying where it looked, never skips.</summary>
public static class Corpus
{
    public static string JekyllBlog
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CardService.sln")))
                {
                    var blog = Path.Combine(dir.Parent!.FullName, "shared", "corpus", "jekyll-blog");
                    return Directory.Exists(Path.Combine(blog, "_posts"))
                        ? blog
                        : throw new DirectoryNotFoundException($"The corpus is absent: expected the real Jekyll blog at '{blog}' (../shared/corpus/jekyll-blog beside the repository).");
                }
            }

            throw new DirectoryNotFoundException($"No CardService.sln above '{AppContext.BaseDirectory}'.");
        }
    }

    /// <summary>A temp copy of the blog's posts and <c>_config.yml</c> (the generator's files only, not the corpus' tables).</summary>
    public static DirectoryInfo CopyJekyllBlog()
    {
        var source = JekyllBlog;
        var copy = Directory.CreateTempSubdirectory("cardservice-blog-");
        File.Copy(Path.Combine(source, "_config.yml"), Path.Combine(copy.FullName, "_config.yml"));
        Directory.CreateDirectory(Path.Combine(copy.FullName, "_posts"));
        foreach (var post in Directory.GetFiles(Path.Combine(source, "_posts")))
        {
            File.Copy(post, Path.Combine(copy.FullName, "_posts", Path.GetFileName(post)));
        }

        return copy;
    }

    /// <summary>The corpus' own table of the posts (read with a YAML 1.1 parser): file → image as written.</summary>
    public static IReadOnlyDictionary<string, string> ImagesByPost()
    {
        var lines = File.ReadAllLines(Path.Combine(JekyllBlog, "posts.tsv"));
        var header = lines[0].Split('\t');
        var file = Array.IndexOf(header, "file");
        var image = Array.IndexOf(header, "image");
        return lines.Skip(1).Select(l => l.Split('\t')).ToDictionary(c => c[file], c => c[image], StringComparer.Ordinal);
    }
}
