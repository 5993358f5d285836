using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CardService.Cli.Commands.Check;

/// <summary>
/// The findings of an earlier SARIF log, so a team adopting the check on an old site sees only what is new. A finding is known
/// when a result has its rule id, its file and its fingerprint (rule, page and message: moving a tag to another line does not
/// make it new; changing what is wrong does).
/// </summary>
internal sealed class Baseline
{
    private readonly FrozenSet<string> _known;

    private Baseline(FrozenSet<string> known)
    {
        _known = known;
    }

    /// <summary>The baseline in <paramref name="path"/>, or why it cannot be used (with the line for bad JSON).</summary>
    public static (Baseline? Baseline, string? Error) Load(string path)
    {
        if (!File.Exists(path))
        {
            return (null, $"No such file '{path}'.");
        }

        JsonNode? log;
        try
        {
            log = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            return (null, $"{path}:{(e.LineNumber ?? 0) + 1}: not JSON: {e.Message}");
        }

        if (log?["runs"] is not JsonArray runs)
        {
            return (null, $"{path}:1: not a SARIF log (no \"runs\" array).");
        }

        var keys = runs.OfType<JsonObject>()
            .SelectMany(r => r["results"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(r => Key(
                r["ruleId"]?.GetValue<string>(),
                r["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.GetValue<string>(),
                r["partialFingerprints"]?[SarifLog.FingerprintKey]?.GetValue<string>()));
        return (new Baseline(keys.ToFrozenSet(StringComparer.Ordinal)), null);
    }

    /// <summary><paramref name="run"/> without the findings this baseline already has; their number in <see cref="CheckRun.KnownFindings"/>.</summary>
    public CheckRun Filter(CheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var known = 0;
        ImmutableArray<CheckedPage> pages =
        [
            .. run.Pages.Select(page =>
            {
                ImmutableArray<CheckedFinding> fresh = [.. page.Findings.Where(f => !_known.Contains(Key(f.Finding.RuleId, SarifLog.ArtifactUri(page.File), f.Fingerprint)))];
                known += page.Findings.Length - fresh.Length;
                return page with { Findings = fresh };
            }),
        ];
        return run with { Pages = pages, KnownFindings = run.KnownFindings + known };
    }

    private static string Key(string? ruleId, string? uri, string? fingerprint) => $"{ruleId}\n{uri}\n{fingerprint}";
}
