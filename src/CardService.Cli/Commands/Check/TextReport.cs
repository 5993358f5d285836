using System.Globalization;
using CardService.Core.Validation;
using Spectre.Console;

namespace CardService.Cli.Commands.Check;

/// <summary>
/// The human report, grouped by page: a coloured table per page on a terminal (Spectre.Console), plain
/// <c>file:line:col: level rule: message</c> lines when the output is redirected or <c>CI</c> is set (logs stay greppable).
/// </summary>
internal static class TextReport
{
    public static void Write(CheckRun run, TextWriter writer, bool terminal)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writer);
        if (terminal)
        {
            WriteTables(run, AnsiConsole.Create(new AnsiConsoleSettings
            {
                // The caller already decided this is a terminal: do not let detection on a wrapped writer turn colour off.
                Ansi = AnsiSupport.Yes,
                ColorSystem = ColorSystemSupport.Standard,
                Out = new AnsiConsoleOutput(writer),
            }));
        }
        else
        {
            WritePlain(run, writer);
        }

        writer.WriteLine(Summary(run));
    }

    private static void WritePlain(CheckRun run, TextWriter writer)
    {
        foreach (var page in run.Pages.Where(p => p.Findings.Length > 0))
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{page.File} ({page.Url.AbsoluteUri}) score {page.Score}"));
            foreach (var f in page.Findings)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {page.File}:{f.Position.Line}:{f.Position.Column}: {SarifLog.Level(f.Finding.Severity)} {f.Finding.RuleId}: {f.Finding.Message}"));
            }
        }
    }

    private static void WriteTables(CheckRun run, IAnsiConsole console)
    {
        foreach (var page in run.Pages.Where(p => p.Findings.Length > 0))
        {
            var table = new Table { Border = TableBorder.Rounded, Expand = false }
                .Title(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{page.File} — score {page.Score}")))
                .AddColumn("line")
                .AddColumn("level")
                .AddColumn("rule")
                .AddColumn("message");
            foreach (var f in page.Findings)
            {
                var colour = f.Finding.Severity switch
                {
                    Severity.Error => "red",
                    Severity.Warning => "yellow",
                    _ => "blue",
                };
                table.AddRow(
                    new Text(f.Position.Line.ToString(CultureInfo.InvariantCulture)),
                    new Markup($"[{colour}]{SarifLog.Level(f.Finding.Severity)}[/]"),
                    new Text(f.Finding.RuleId),
                    new Text(f.Finding.Message));
            }

            console.Write(table);
        }
    }

    private static string Summary(CheckRun run)
    {
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{run.Pages.Length} pages checked: {run.Count(Severity.Error)} errors, {run.Count(Severity.Warning)} warnings, {run.Count(Severity.Info)} infos");
        if (run.RedirectStubs.Length > 0)
        {
            summary += string.Create(CultureInfo.InvariantCulture, $"; {run.RedirectStubs.Length} redirect pages skipped");
        }

        if (run.KnownFindings > 0)
        {
            summary += string.Create(CultureInfo.InvariantCulture, $"; {run.KnownFindings} known from the baseline left out");
        }

        return summary;
    }
}
