using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CardService.Core.Fetching;
using CardService.Core.Meta;
using CardService.Core.Tests.Meta.Corpus;

namespace CardService.Benchmarks.Meta;

/// <summary>
/// Pages/s of decode + read over the corpus pages on one thread, printed as one JSON line like the peers' scripts.
/// <c>meta [DIR] [--rounds=N] [--warmup=W] [--head-only] [--no-positions] [--whole-document] [--async]</c>.
/// </summary>
public static class MetaBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var directory = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? CorpusLocator.PagesDirectory();
        var rounds = Option(args, "rounds", 5);
        var warmup = Option(args, "warmup", 1);
        var options = new ReadOptions
        {
            HeadOnly = args.Contains("--head-only"),
            RecordPositions = !args.Contains("--no-positions"),
            ParseWholeDocument = args.Contains("--whole-document"),
        };

        // Read every page into memory first (not timed), as the peer script does.
        var pages = Directory.GetFiles(directory, "*.html").Order(StringComparer.Ordinal)
            .Select(path => (Bytes: File.ReadAllBytes(path), Url: PageUrl(path)))
            .ToList();
        if (pages.Count == 0)
        {
            await Console.Error.WriteLineAsync($"no .html files in {directory}");
            return 1;
        }

        var useAsync = args.Contains("--async");
        for (var r = 0; r < warmup; r++)
        {
            _ = useAsync ? await ReadAllAsync(pages, options) : ReadAll(pages, options);
        }

        var stopwatch = Stopwatch.StartNew();
        var titles = 0;
        for (var r = 0; r < rounds; r++)
        {
            var found = useAsync ? await ReadAllAsync(pages, options) : ReadAll(pages, options);
            titles = r == 0 ? found : titles;
        }

        stopwatch.Stop();
        var parses = rounds * pages.Count;
        var seconds = stopwatch.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        var line = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["bench"] = "meta",
            ["lib"] = "cardservice",
            ["dir"] = directory,
            ["pages"] = pages.Count,
            ["html_mb"] = Math.Round(pages.Sum(p => p.Bytes.Length) / 1048576.0, 2),
            ["rounds"] = rounds,
            ["warmup"] = warmup,
            ["head_only"] = options.HeadOnly,
            ["positions"] = options.RecordPositions,
            ["whole_document"] = options.ParseWholeDocument,
            ["async"] = useAsync,
            ["parses"] = parses,
            ["pages_per_s"] = Math.Round(parses / seconds, 1),
            ["total_s"] = Math.Round(seconds, 3),
            ["ms_per_page"] = Math.Round(seconds * 1000 / parses, 3),
            ["pages_with_title"] = titles,
            ["max_rss_mb"] = Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
            ["dotnet"] = Environment.Version.ToString(),
        });
        Console.WriteLine(line);
        return 0;
    }

    private static int ReadAll(List<(byte[] Bytes, Uri Url)> pages, ReadOptions options)
    {
        var titles = 0;
        foreach (var (bytes, url) in pages)
        {
            var meta = MetaReader.Read(CharsetDecoder.Decode(bytes, null), url, options);
            titles += meta.Best.Title is null ? 0 : 1;
        }

        return titles;
    }

    private static async Task<int> ReadAllAsync(List<(byte[] Bytes, Uri Url)> pages, ReadOptions options)
    {
        var titles = 0;
        foreach (var (bytes, url) in pages)
        {
            var meta = await MetaReader.ReadAsync(CharsetDecoder.Decode(bytes, null).Text, url, options);
            titles += meta.Best.Title is null ? 0 : 1;
        }

        return titles;
    }

    // The page URL the corpus gives (CASE.expected.json "page_url"), else example.com/CASE, as the peer script does.
    private static Uri PageUrl(string htmlPath)
    {
        var name = Path.GetFileNameWithoutExtension(htmlPath);
        var expected = Path.Combine(Path.GetDirectoryName(htmlPath)!, name + ".expected.json");
        if (File.Exists(expected))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(expected));
            if (json.RootElement.TryGetProperty("page_url", out var url) && url.GetString() is { } text)
            {
                return new Uri(text);
            }
        }

        return new Uri("https://example.com/" + name);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var prefix = "--" + name + "=";
        var value = args.FirstOrDefault(a => a.StartsWith(prefix, StringComparison.Ordinal));
        return value is null ? fallback : int.Parse(value[prefix.Length..], CultureInfo.InvariantCulture);
    }
}
