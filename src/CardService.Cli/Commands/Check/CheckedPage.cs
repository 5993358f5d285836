using System.Collections.Immutable;
using CardService.Core.Validation;

namespace CardService.Cli.Commands.Check;

/// <summary>A finding placed in the built output.</summary>
/// <param name="Finding">What the validator found.</param>
/// <param name="Position">Where the tag it is about starts in the file.</param>
/// <param name="Fingerprint">Rule, page and message hashed: stable when lines move, so a baseline still matches.</param>
internal sealed record CheckedFinding(Finding Finding, TagPosition Position, string Fingerprint);

/// <summary>One page judged.</summary>
/// <param name="File">The page as the user names it: a path relative to the working folder, or the URL checked.</param>
/// <param name="Url">The address it is judged at.</param>
/// <param name="Score">The validator's 0–100 score.</param>
/// <param name="Findings">Its findings, errors first, as the validator ordered them.</param>
/// <param name="NotChecked">Rules not checked for want of facts (HTTP facts, offline images).</param>
internal sealed record CheckedPage(string File, Uri Url, int Score, ImmutableArray<CheckedFinding> Findings, ImmutableArray<string> NotChecked);

/// <summary>What a check run found.</summary>
/// <param name="Pages">Every page judged, in path order.</param>
/// <param name="RedirectStubs">Pages skipped because they only redirect (meta refresh).</param>
/// <param name="KnownFindings">Findings left out because the baseline has them.</param>
internal sealed record CheckRun(ImmutableArray<CheckedPage> Pages, ImmutableArray<string> RedirectStubs, int KnownFindings)
{
    public IEnumerable<CheckedFinding> Findings => Pages.SelectMany(p => p.Findings);

    public int Count(Severity severity) => Findings.Count(f => f.Finding.Severity == severity);
}
