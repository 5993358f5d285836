using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace CardService.Functions.Tests.Support;

/// <summary>
/// The requests that once took the app to gigabytes: a burst of cards with a huge logo (as a <c>data:</c> URI in a POST, or
/// as a URL the app fetches) and seeded random specs (every theme, format and size, text in many scripts). Every card has
/// its own title, so the card cache renders each one. Returns the status of every answer.
/// </summary>
public static class MemoryLoad
{
    private static readonly string[] Words =
    [
        "Hello", "memory", "bounded", "Σύνοψη", "Привет", "مرحبا", "שלום", "नमस्ते", "สวัสดี", "日本語の見出し", "한국어", "中文标题",
        "🚀", "👩‍💻", "🇯🇵", "cards", "configuration", "a", "long-hyphenated-compound-word", "naïve", "Ωmega",
    ];

    private static readonly string[] Themes = ["dark", "light", "sunset"];
    private static readonly string[] Formats = ["png", "jpeg", "webp"];

    /// <summary><paramref name="count"/> concurrent POSTs whose logo is <paramref name="logo"/> (a data: URI or an http URL).</summary>
    public static async Task<HttpStatusCode[]> LogoBurstAsync(HttpClient client, string logo, int count, string label)
    {
        ArgumentNullException.ThrowIfNull(client);
        var requests = Enumerable.Range(0, count).Select(async i =>
        {
            var fields = new Dictionary<string, object>
            {
                ["title"] = string.Create(CultureInfo.InvariantCulture, $"Large logo {label} {i}"),
                ["siteName"] = "Memory test",
                ["logo"] = logo,
                ["background"] = logo,
            };
            using var answer = await client.PostAsJsonAsync(new Uri("card", UriKind.Relative), fields);
            await answer.Content.ReadAsByteArrayAsync();
            return answer.StatusCode;
        });
        return await Task.WhenAll(requests);
    }

    /// <summary><paramref name="count"/> random cards, <paramref name="concurrency"/> at a time, the same for the same seed.</summary>
    public static async Task<HttpStatusCode[]> RandomSpecsAsync(HttpClient client, int count, int concurrency, int seed)
    {
        ArgumentNullException.ThrowIfNull(client);
        var random = new Random(seed);
        var specs = Enumerable.Range(0, count).Select(i => RandomSpec(random, i)).ToList();
        var statuses = new HttpStatusCode[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            using var answer = await client.PostAsJsonAsync(new Uri("card", UriKind.Relative), specs[i], ct);
            await answer.Content.ReadAsByteArrayAsync(ct);
            statuses[i] = answer.StatusCode;
        });
        return statuses;
    }

    private static Dictionary<string, object> RandomSpec(Random random, int index)
    {
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));

        var spec = new Dictionary<string, object>
        {
            ["title"] = string.Create(CultureInfo.InvariantCulture, $"{index} {Text(random.Next(1, 25))}"),
            ["theme"] = Themes[random.Next(Themes.Length)],
            ["format"] = Formats[random.Next(Formats.Length)],
            ["width"] = random.Next(200, 2401),
            ["height"] = random.Next(200, 2401),
            ["accent"] = string.Create(CultureInfo.InvariantCulture, $"#{random.Next(0x1000000):x6}"),
        };
        if (random.Next(2) == 0)
        {
            spec["category"] = Text(random.Next(1, 4));
            spec["description"] = Text(random.Next(3, 30));
        }

        if (random.Next(2) == 0)
        {
            spec["siteName"] = Text(2);
            spec["author"] = Text(2);
            spec["date"] = "2026-12-01";
        }

        return spec;
    }
}
