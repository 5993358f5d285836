using System.Text.Json;
using CardService.Core.Validation;

namespace CardService.Cli.Commands.Check;

/// <summary><c>--format json</c>: every page with its findings and where their tags are, and the totals.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write(CheckRun run, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writer);
        var report = new Report(
            [.. run.Pages.Select(p => new Page(p.File, p.Url.AbsoluteUri, p.Score, [.. p.Findings.Select(Of)], p.NotChecked))],
            new Totals(run.Pages.Length, run.Count(Severity.Error), run.Count(Severity.Warning), run.Count(Severity.Info), run.KnownFindings),
            run.RedirectStubs);
        writer.WriteLine(JsonSerializer.Serialize(report, Options));
    }

    private static Item Of(CheckedFinding f) => new(
        f.Finding.RuleId, f.Finding.Severity, f.Position.Line, f.Position.Column, f.Finding.Message, f.Finding.Value, f.Finding.Fix, f.Finding.Source, f.Fingerprint);

    private sealed record Report(IReadOnlyList<Page> Pages, Totals Totals, IReadOnlyList<string> SkippedRedirects);

    private sealed record Page(string File, string Url, int Score, IReadOnlyList<Item> Findings, IReadOnlyList<string> NotChecked);

    private sealed record Item(string RuleId, Severity Severity, int Line, int Column, string Message, string? Value, string Fix, string HelpUri, string Fingerprint);

    private sealed record Totals(int Pages, int Errors, int Warnings, int Infos, int KnownFromBaseline);
}
