using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Hardening;

/// <summary>
/// Seeded fuzzing over the real page corpus: each document is a corpus page mutated (hostile hosts in every URL-bearing tag,
/// URLs rewritten, truncated, bytes flipped, markup spliced) and posted as HTML to <c>/meta</c> or <c>/validate</c>, which
/// must never answer 5xx. The seed and count are fixed, so a failure names a document that can be rebuilt.
/// </summary>
public sealed partial class CorpusFuzzTests(PageServerFixture pages) : IClassFixture<PageServerFixture>
{
    private const int Seed = 20261201;
    private const int Documents = 2000;

    // Pages are cut to this many characters first, so the bounded run spends its time on mutations, not on long bodies.
    private const int MaxPageChars = 32 * 1024;

    private static readonly string[] HostileHosts =
    [
        "exa\uFFFDmple.com", "a\u200Db.example", "\u2488.example", "xn--.example", "exa%EF%BF%BDmple.com", "[::1", "127.0.0.1",
        "localhost", "169.254.169.254", "user:pw@blog.example", "0x7f.1", new string('a', 300) + ".example", "\u0000.example", "",
    ];

    private static readonly string[] UrlTags =
    [
        "<meta property=\"og:url\" content=\"{0}\">",
        "<meta property=\"og:image\" content=\"{0}\">",
        "<meta property=\"og:image:secure_url\" content=\"{0}\">",
        "<meta property=\"og:video\" content=\"{0}\">",
        "<meta name=\"twitter:image\" content=\"{0}\">",
        "<meta name=\"twitter:image:src\" content=\"{0}\">",
        "<link rel=\"canonical\" href=\"{0}\">",
        "<link rel=\"icon\" href=\"{0}\" sizes=\"32x32\">",
        "<link rel=\"apple-touch-icon\" href=\"{0}\">",
        "<link rel=\"alternate\" hreflang=\"de\" href=\"{0}\">",
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{0}\">",
        "<base href=\"{0}\">",
        "<img src=\"{0}\">",
        "<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"Article\",\"headline\":\"h\",\"image\":\"{0}\",\"url\":\"{0}\",\"publisher\":{{\"@type\":\"Organization\",\"logo\":\"{0}\"}}}}</script>",
    ];

    private static readonly string[] Splices = ["<", ">", "\"", "'", "&", "&#xFFFD;", "\uFFFD", "\u200D", "</head>", "<head>", "<!--", "<script>", "\uD800", "\0", "<meta content=", "%"];

    [Fact]
    public async Task PostHtml_MutatedCorpusPages_NeverAnswers5xx()
    {
        var corpus = LoadCorpus();
        var random = new Random(Seed);
        var documents = Enumerable.Range(0, Documents).Select(i => (Index: i, Html: Mutate(corpus[random.Next(corpus.Count)], random), Probe: random.Next(8) == 0)).ToList();
        using var sut = pages.App.CreateClient();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();

        await Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (document, cancellationToken) =>
        {
            var path = document.Index % 2 == 0 ? "/meta" : "/validate";
            using var response = await sut.PostAsJsonAsync(path, new { url = "https://fuzz.example/post/", html = document.Html, probe = document.Probe }, cancellationToken);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"document {document.Index} (seed {Seed}) to {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of {Documents} documents answered 5xx:\n{string.Join("\n", failures.Take(5))}");
        Assert.True(statuses.GetValueOrDefault((int)HttpStatusCode.OK) > Documents / 2, "most documents should be read: " + string.Join(", ", statuses));
    }

    /// <summary>The corpus pages; the test fails (not skips) saying where it looked when the corpus is absent.</summary>
    private static List<string> LoadCorpus()
    {
        var folder = PageServerFixture.CorpusFolder;
        var pages = Directory.EnumerateFiles(folder, "*.html").Order(StringComparer.Ordinal)
            .Select(path => Encoding.UTF8.GetString(File.ReadAllBytes(path)))
            .Select(html => html.Length > MaxPageChars ? html[..MaxPageChars] : html)
            .ToList();
        Assert.True(pages.Count >= 20, $"The fuzz test needs the page corpus: found {pages.Count} pages in '{folder}'.");
        return pages;
    }

    private static string Mutate(string page, Random random)
    {
        var html = page;
        var rounds = 1 + random.Next(4);
        for (var round = 0; round < rounds; round++)
        {
            html = random.Next(6) switch
            {
                0 or 1 => InjectHostileTags(html, random),
                2 => RewriteHosts(html, random),
                3 => html[..random.Next(html.Length + 1)],
                4 => Splice(html, random),
                _ => FlipCharacters(html, random),
            };
        }

        return html;
    }

    private static string HostileUrl(Random random)
    {
        var host = HostileHosts[random.Next(HostileHosts.Length)];
        return random.Next(4) switch
        {
            0 => "//" + host + "/x.png",
            1 => "https://" + host + ":443/x?y=1#z",
            _ => "http://" + host + "/post/",
        };
    }

    // Every URL-bearing tag with a hostile URL, in the head where readers look (or at the top when the page has none).
    private static string InjectHostileTags(string html, Random random)
    {
        var tags = string.Concat(Enumerable.Range(0, 1 + random.Next(UrlTags.Length))
            .Select(_ => string.Format(System.Globalization.CultureInfo.InvariantCulture, UrlTags[random.Next(UrlTags.Length)], HostileUrl(random))));
        var head = html.IndexOf("<head", StringComparison.OrdinalIgnoreCase);
        var at = head < 0 ? 0 : Math.Max(0, html.IndexOf('>', head) + 1);
        return html[..at] + tags + html[at..];
    }

    private static string RewriteHosts(string html, Random random) =>
        AbsoluteUrlHost().Replace(html, match => random.Next(3) == 0 ? match.Groups[1].Value + HostileHosts[random.Next(HostileHosts.Length)] : match.Value);

    private static string Splice(string html, Random random)
    {
        var at = random.Next(html.Length + 1);
        return html[..at] + Splices[random.Next(Splices.Length)] + html[at..];
    }

    private static string FlipCharacters(string html, Random random)
    {
        if (html.Length == 0)
        {
            return html;
        }

        var chars = html.ToCharArray();
        for (var i = 0; i < 1 + random.Next(32); i++)
        {
            chars[random.Next(chars.Length)] = (char)random.Next(0x20, 0x3000);
        }

        return new string(chars);
    }

    [GeneratedRegex("(https?://)[^/\"'\\s<>]+", RegexOptions.CultureInvariant)]
    private static partial Regex AbsoluteUrlHost();
}
