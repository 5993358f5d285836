using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CardService.Core.Fetching;
using CardService.Core.Meta;

namespace CardService.Core.Tests.Meta.Corpus;

/// <summary>The three kinds of expectation in the corpus, each compared against the view of the reader that means the same thing.</summary>
public enum ExpectationKind
{
    /// <summary>metascraper's chosen best value → <see cref="BestValues"/>.</summary>
    Metascraper,

    /// <summary>open-graph-scraper's tag as written with its own fallbacks → raw tags + those fallbacks.</summary>
    OpenGraphScraper,

    /// <summary>The tags jekyll-seo-tag wrote → raw tags.</summary>
    Jekyll,
}

/// <summary>One field of one case: expected against ours.</summary>
public sealed record FieldResult(string Case, ExpectationKind Kind, string Field, string? Expected, string? Actual, bool Agrees, string How);

/// <summary>Compares the reader with every <c>.expected.json</c> in the page corpus.</summary>
public static class CorpusAccuracy
{
    /// <summary>The fields measured, in table order.</summary>
    public static readonly string[] Fields = ["title", "description", "image", "url", "site_name", "type", "locale", "twitter_card", "twitter_title", "twitter_image"];

    /// <summary>The fields the test holds at ≥ 90 % overall.</summary>
    public static readonly string[] GatedFields = ["title", "description", "image", "url"];

    private static readonly HashSet<string> UrlFields = ["image", "url", "twitter_image"];

    /// <summary>The fields <see cref="BestValues"/> answers that the corpus states, in table order.</summary>
    public static readonly string[] BestFields = ["title", "description", "image", "url", "site_name", "locale"];

    /// <summary>Each kind of expectation against the view of the reader that means the same thing (<see cref="View"/>).</summary>
    public static IReadOnlyList<FieldResult> Run(string pagesDirectory) => Compare(pagesDirectory, View, Fields, foldTypographyForAll: false);

    /// <summary>
    /// <see cref="PageMeta.Best"/> alone against every expectation, whatever scraper wrote it: one answer per page, the way
    /// cards and previews use it, with quotes and ellipses folded for every case alike.
    /// </summary>
    public static IReadOnlyList<FieldResult> RunBest(string pagesDirectory) => Compare(pagesDirectory, (meta, _) => BestView(meta), BestFields, foldTypographyForAll: true);

    public static Dictionary<string, string?> BestView(PageMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var best = meta.Best;
        return new()
        {
            ["title"] = best.Title?.Value,
            ["description"] = best.Description?.Value,
            ["image"] = best.Image?.Value,
            ["url"] = best.Url?.Value,
            ["site_name"] = best.SiteName?.Value,
            ["locale"] = best.Locale?.Value,
        };
    }

    private static List<FieldResult> Compare(
        string pagesDirectory, Func<PageMeta, ExpectationKind, Dictionary<string, string?>> view, string[] fields, bool foldTypographyForAll)
    {
        var results = new List<FieldResult>();
        foreach (var expectedFile in Directory.GetFiles(pagesDirectory, "*.expected.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(expectedFile));
            var root = json.RootElement;
            var name = root.GetProperty("case").GetString()!;
            var pageUrl = new Uri(root.GetProperty("page_url").GetString()!);
            var kind = root.GetProperty("expected_kind").GetString() switch
            {
                "open-graph-scraper-assertions" => ExpectationKind.OpenGraphScraper,
                "jekyll-seo-tag-rendered-block" => ExpectationKind.Jekyll,
                _ => ExpectationKind.Metascraper,
            };
            var bytes = File.ReadAllBytes(Path.Combine(pagesDirectory, root.GetProperty("html_file").GetString()!));
            var meta = MetaReader.Read(CharsetDecoder.Decode(bytes, null), pageUrl);
            var ours = view(meta, kind);
            var expected = root.GetProperty("expected");
            root.TryGetProperty("constraints", out var constraints);
            foreach (var field in fields)
            {
                ours.TryGetValue(field, out var actual);
                if (expected.TryGetProperty(field, out var value))
                {
                    var want = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    var agrees = UrlFields.Contains(field) ? SameUrl(want, actual, pageUrl) : SameText(want, actual);
                    var how = "equals";
                    var fold = foldTypographyForAll || kind == ExpectationKind.Metascraper;
                    if (!agrees && fold && !UrlFields.Contains(field) && SameAfterMetascraperTypography(want, actual))
                    {
                        (agrees, how) = (true, MetascraperTypography);
                    }

                    results.Add(new FieldResult(name, kind, field, want, actual, agrees, how));
                }
                else if (constraints.ValueKind == JsonValueKind.Object && constraints.TryGetProperty(field, out var constraint))
                {
                    var (agrees, how) = Satisfies(constraint, actual);
                    results.Add(new FieldResult(name, kind, field, constraint.GetRawText(), actual, agrees, how));
                }
            }
        }

        return results;
    }

    /// <summary>
    /// What each kind of expectation means, as a view of the reader: metascraper's values are choices
    /// (best values); open-graph-scraper's are the tag with its documented fallbacks (<c>&lt;title&gt;</c>, meta
    /// description, first <c>&lt;img&gt;</c>, canonical, <c>&lt;html lang&gt;</c>); jekyll-seo-tag's are the tags it wrote.
    /// </summary>
    public static Dictionary<string, string?> View(PageMeta meta, ExpectationKind kind)
    {
        var og = meta.OpenGraph;
        var tw = meta.Twitter;
        var firstImage = og.Images.FirstOrDefault(i => i.Url is { Raw.Length: > 0 })?.Url?.Raw;
        // open-graph-scraper reports og:image:secure_url in place of og:image when both are given.
        var ogsImage = og.Images.Select(i => i.SecureUrl is { Raw.Length: > 0 } s ? s.Raw : i.Url?.Raw).FirstOrDefault(u => !string.IsNullOrEmpty(u));
        var canonical = meta.Canonicals.FirstOrDefault()?.Href.Raw;
        return kind switch
        {
            ExpectationKind.Metascraper => new()
            {
                ["title"] = meta.Best.Title?.Value,
                ["description"] = meta.Best.Description?.Value,
                ["image"] = meta.Best.Image?.Value,
                ["url"] = meta.Best.Url?.Value,
                ["site_name"] = meta.Best.SiteName?.Value,
            },
            ExpectationKind.OpenGraphScraper => new()
            {
                ["title"] = og.Title ?? meta.Title,
                ["description"] = og.Description ?? meta.Description,
                ["image"] = ogsImage ?? meta.BodyImages.Select(i => i.Raw).FirstOrDefault(OgsAcceptsImage),
                ["url"] = og.Url?.Raw ?? canonical,
                ["site_name"] = og.SiteName,
                ["type"] = og.Type,
                ["locale"] = og.Locale ?? meta.Lang,
                ["twitter_card"] = tw.Card,
                ["twitter_title"] = tw.Title,
                ["twitter_image"] = tw.Image?.Raw,
            },
            _ => new()
            {
                ["title"] = meta.Title,
                ["description"] = meta.Description,
                ["image"] = firstImage,
                ["url"] = og.Url?.Raw,
                ["site_name"] = og.SiteName,
                ["type"] = og.Type,
                ["locale"] = og.Locale,
                ["twitter_card"] = tw.Card,
                ["twitter_title"] = tw.Title,
                ["twitter_image"] = tw.Image?.Raw,
            },
        };
    }

    // open-graph-scraper's <img> fallback takes an absolute http(s) URL whose "type" — the text after the last '.',
    // cut at '?' — is an image extension (its findImageTypeFromUrl / isImageTypeValid).
    private static readonly HashSet<string> OgsImageTypes = ["apng", "bmp", "gif", "ico", "cur", "jpg", "jpeg", "jfif", "pjpeg", "pjp", "png", "svg", "tif", "tiff", "webp"];

    private static bool OgsAcceptsImage(string src)
    {
        if (!src.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !src.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var type = src[(src.LastIndexOf('.') + 1)..].Split('?')[0];
        return OgsImageTypes.Contains(type.ToLowerInvariant());
    }

    /// <summary>Text: entities decoded, NFC, whitespace collapsed, case-insensitive (DESIGN.md's normalisation).</summary>
    public static string? NormaliseText(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var decoded = WebUtility.HtmlDecode(value).Normalize(NormalizationForm.FormC);
        return string.Join(' ', decoded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
    }

    /// <summary>URLs: entities decoded, resolved against the page URL, scheme and host case folded by <see cref="Uri"/>, one trailing slash dropped. Paths stay case-sensitive.</summary>
    public static string? NormaliseUrl(string? value, Uri pageUrl)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var decoded = WebUtility.HtmlDecode(value.Trim()).Normalize(NormalizationForm.FormC);
        var text = Uri.TryCreate(pageUrl, decoded, out var uri) ? uri.AbsoluteUri : decoded;
        return text.EndsWith('/') ? text[..^1] : text;
    }

    private static bool SameText(string? expected, string? actual) => NormaliseText(expected) == NormaliseText(actual);

    /// <summary>How an agreement reached only after folding metascraper's typography is labelled.</summary>
    public const string MetascraperTypography = "equals after metascraper's typography";

    /// <summary>
    /// metascraper rewrites the value it chose: straight quotes become curly ones and long descriptions are cut at a
    /// word with "…". Folding both back compares the choice, not its typesetting (labelled separately in the table).
    /// </summary>
    private static bool SameAfterMetascraperTypography(string? expected, string? actual)
    {
        var want = FoldQuotes(NormaliseText(expected));
        var ours = FoldQuotes(NormaliseText(actual));
        if (want is null || ours is null)
        {
            return false;
        }

        if (want == ours)
        {
            return true;
        }

        return want.EndsWith('…') && want.Length > 20 && ours.StartsWith(want[..^1].TrimEnd(), StringComparison.Ordinal);
    }

    private static string? FoldQuotes(string? value) =>
        value?.Replace('’', '\'').Replace('‘', '\'').Replace('“', '"').Replace('”', '"').Replace("...", "…", StringComparison.Ordinal);

    private static bool SameUrl(string? expected, string? actual, Uri pageUrl) => NormaliseUrl(expected, pageUrl) == NormaliseUrl(actual, pageUrl);

    private static (bool Agrees, string How) Satisfies(JsonElement constraint, string? actual)
    {
        foreach (var property in constraint.EnumerateObject())
        {
            var argument = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? string.Empty : string.Empty;
            var ok = property.Name switch
            {
                "contains" => actual is not null && NormaliseText(actual)!.Contains(NormaliseText(argument)!, StringComparison.Ordinal),
                "starts_with" => actual is not null && actual.StartsWith(argument, StringComparison.Ordinal),
                "equals_ignoring_case" => SameText(argument, actual),
                "type" => !string.IsNullOrWhiteSpace(actual),
                _ => false,
            };
            return (ok, property.Name);
        }

        return (false, "constraint");
    }

    /// <summary>The accuracy table (per field: per kind and overall) as Markdown.</summary>
    public static string Table(IReadOnlyList<FieldResult> results)
    {
        var builder = new StringBuilder();
        builder.AppendLine("| field | metascraper | open-graph-scraper | jekyll-seo-tag | overall |");
        builder.AppendLine("|---|---|---|---|---|");
        foreach (var field in Fields)
        {
            var row = results.Where(r => r.Field == field).ToList();
            if (row.Count == 0)
            {
                continue;
            }

            builder.Append(CultureInfo.InvariantCulture, $"| {field} ");
            foreach (var kind in Enum.GetValues<ExpectationKind>())
            {
                builder.Append(CultureInfo.InvariantCulture, $"| {Share(row.Where(r => r.Kind == kind).ToList())} ");
            }

            builder.AppendLine(CultureInfo.InvariantCulture, $"| {Share(row)} |");
        }

        var gated = results.Where(r => GatedFields.Contains(r.Field)).ToList();
        var measured = results.Where(r => r.Field is "title" or "description" or "image" or "url" or "site_name").ToList();
        builder.AppendLine(CultureInfo.InvariantCulture, $"| **title+description+image+url** | | | | **{Share(gated)}** |");
        builder.AppendLine(CultureInfo.InvariantCulture, $"| **+ site_name (DESIGN.md's five)** | {Share(measured.Where(r => r.Kind == ExpectationKind.Metascraper).ToList())} | {Share(measured.Where(r => r.Kind == ExpectationKind.OpenGraphScraper).ToList())} | {Share(measured.Where(r => r.Kind == ExpectationKind.Jekyll).ToList())} | **{Share(measured)}** |");
        return builder.ToString();
    }

    /// <summary>The best-values table: per field, per kind of expectation and overall, with the total.</summary>
    public static string BestTable(IReadOnlyList<FieldResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var builder = new StringBuilder();
        builder.AppendLine("| `best` field | metascraper | open-graph-scraper | jekyll-seo-tag | overall |");
        builder.AppendLine("|---|---|---|---|---|");
        foreach (var field in BestFields)
        {
            AppendRow(builder, field, results.Where(r => r.Field == field).ToList());
        }

        AppendRow(builder, "**all fields**", [.. results]);
        return builder.ToString();
    }

    private static void AppendRow(StringBuilder builder, string label, List<FieldResult> row)
    {
        builder.Append(CultureInfo.InvariantCulture, $"| {label} ");
        foreach (var kind in Enum.GetValues<ExpectationKind>())
        {
            builder.Append(CultureInfo.InvariantCulture, $"| {Share(row.Where(r => r.Kind == kind).ToList())} ");
        }

        builder.AppendLine(CultureInfo.InvariantCulture, $"| {Share(row)} |");
    }

    /// <summary>Every disagreement, one line each.</summary>
    public static string Disagreements(IReadOnlyList<FieldResult> results)
    {
        var builder = new StringBuilder();
        var folded = results.Where(r => r.How == MetascraperTypography).ToList();
        builder.AppendLine(CultureInfo.InvariantCulture, $"Agreements that needed metascraper's typography folded ({folded.Count}): {string.Join(", ", folded.Select(r => $"`{r.Case}` {r.Field}"))}");
        builder.AppendLine();
        foreach (var r in results.Where(r => !r.Agrees))
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"- `{r.Case}` **{r.Field}** ({r.How}): expected `{Short(r.Expected)}`, ours `{Short(r.Actual)}`");
        }

        return builder.ToString();
    }

    public static double Agreement(IEnumerable<FieldResult> results)
    {
        var list = results.ToList();
        return list.Count == 0 ? 1 : (double)list.Count(r => r.Agrees) / list.Count;
    }

    private static string Share(List<FieldResult> rows) =>
        rows.Count == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * rows.Count(r => r.Agrees) / rows.Count:0.0}% ({rows.Count(r => r.Agrees)}/{rows.Count})");

    private static string Short(string? value) =>
        value is null ? "null" : (value.Length > 90 ? value[..90] + "…" : value).Replace('`', '\'').Replace('|', '¦');
}
