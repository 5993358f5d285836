using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CardService.Core.Validation;

namespace CardService.Cli.Commands.Check;

/// <summary>
/// A check run as SARIF 2.1.0, the format code scanning uploads: the rule catalogue as <c>tool.driver.rules</c> (with each
/// rule's help link), one result per finding with the page file and the line of its tag, and a line-independent
/// <c>partialFingerprints</c> entry that <see cref="Baseline"/> matches on.
/// </summary>
internal static class SarifLog
{
    public const string FingerprintKey = "cardserviceFinding/v1";

    private const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    private static readonly FrozenDictionary<string, int> RuleIndex =
        RuleCatalog.All.Select((rule, index) => (rule.Id, index)).ToFrozenDictionary(r => r.Id, r => r.index, StringComparer.Ordinal);

    public static void Write(CheckRun run, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(Build(run).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public static JsonObject Build(CheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var version = typeof(SarifLog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "cardservice",
                        ["semanticVersion"] = version.Split('+')[0],
                        ["rules"] = new JsonArray([.. RuleCatalog.All.Select(Rule)]),
                    },
                },
                ["results"] = new JsonArray([.. run.Pages.SelectMany(p => p.Findings.Select(f => Result(p, f)))]),
            }),
        };
    }

    /// <summary>The SARIF level of a severity: error, warning, or note for infos.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    /// <summary>The page as a SARIF artifact URI: its path with each segment escaped, or the URL checked.</summary>
    public static string ArtifactUri(string file) =>
        Uri.TryCreate(file, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url.AbsoluteUri
            : string.Join('/', file.Split('/').Select(Uri.EscapeDataString));

    private static JsonObject Rule(RuleDescriptor rule) => new()
    {
        ["id"] = rule.Id,
        ["shortDescription"] = new JsonObject { ["text"] = rule.Title },
        ["help"] = new JsonObject { ["text"] = rule.Fix },
        ["helpUri"] = rule.Source,
        ["defaultConfiguration"] = new JsonObject { ["level"] = Level(rule.Severity) },
        ["properties"] = new JsonObject { ["tags"] = new JsonArray([.. rule.Platforms.Select(p => JsonValue.Create(p.ToString()))]) },
    };

    private static JsonObject Result(CheckedPage page, CheckedFinding finding) => new()
    {
        ["ruleId"] = finding.Finding.RuleId,
        ["ruleIndex"] = RuleIndex[finding.Finding.RuleId],
        ["level"] = Level(finding.Finding.Severity),
        ["message"] = new JsonObject { ["text"] = finding.Finding.Message },
        ["locations"] = new JsonArray(new JsonObject
        {
            ["physicalLocation"] = new JsonObject
            {
                ["artifactLocation"] = new JsonObject { ["uri"] = ArtifactUri(page.File) },
                ["region"] = new JsonObject { ["startLine"] = finding.Position.Line, ["startColumn"] = finding.Position.Column },
            },
        }),
        ["partialFingerprints"] = new JsonObject { [FingerprintKey] = finding.Fingerprint },
        ["properties"] = new JsonObject { ["pageUrl"] = page.Url.AbsoluteUri, ["fix"] = finding.Finding.Fix },
    };
}
