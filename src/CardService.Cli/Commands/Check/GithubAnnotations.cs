namespace CardService.Cli.Commands.Check;

/// <summary>
/// GitHub Actions workflow commands, one per finding (<c>::error file=…,line=…,col=…,title=…::message</c>): the runner shows
/// them on the file and line in the job's summary and the pull request.
/// </summary>
internal static class GithubAnnotations
{
    public static void Write(CheckRun run, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var page in run.Pages)
        {
            foreach (var finding in page.Findings)
            {
                // The runner's commands are SARIF's levels, except that an info is a notice.
                var level = SarifLog.Level(finding.Finding.Severity);
                var command = level == "note" ? "notice" : level;
                writer.WriteLine(
                    $"::{command} file={Property(page.File)},line={finding.Position.Line},col={finding.Position.Column},title={Property(finding.Finding.RuleId)}::{Data(finding.Finding.Message)}");
            }
        }
    }

    // The runner's escaping: '%', CR and LF everywhere; ':' and ',' too inside a property.
    private static string Data(string text) => text.Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text) => Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
