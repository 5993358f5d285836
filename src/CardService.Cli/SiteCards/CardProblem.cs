namespace CardService.Cli.SiteCards;

/// <summary>How much a problem matters: an error fails the post (exit 1); a warning fails the run only with <c>--fail-on warning</c>.</summary>
public enum ProblemLevel
{
    Warning,
    Error,
}

/// <summary>
/// Something <c>cardservice cards</c> reports about a file: its path relative to the site root (empty for the site or
/// its settings as a whole) and a line (0 when none).
/// </summary>
public sealed record CardProblem(string File, int Line, ProblemLevel Level, string Message)
{
    public static CardProblem Error(string file, int line, string message) => new(file, line, ProblemLevel.Error, message);

    public static CardProblem Warning(string file, int line, string message) => new(file, line, ProblemLevel.Warning, message);

    /// <summary>The <c>file:line: level: message</c> form editors and CI logs link to.</summary>
    public override string ToString() =>
        $"{File}{(Line > 0 ? $":{Line}" : string.Empty)}: {(Level == ProblemLevel.Error ? "error" : "warning")}: {Message}";
}
