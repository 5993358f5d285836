using System.Collections.Immutable;

namespace CardService.Cli.SiteCards;

/// <summary>What became of one card file.</summary>
public enum CardStatus
{
    /// <summary>Rendered and written.</summary>
    Made,

    /// <summary>Would be rendered (<c>--dry-run</c>).</summary>
    WouldMake,

    /// <summary>The manifest says it is current and the file is as written.</summary>
    Unchanged,

    /// <summary>Not ours to write: a shared image that already exists, or an image named by URL.</summary>
    Kept,

    Failed,
}

/// <summary>One card: its path relative to the site root, the posts it serves, and what happened.</summary>
public sealed record CardOutcome(string Path, ImmutableArray<string> Posts, CardStatus Status, ImmutableArray<int> MissingCodePoints);

/// <summary>The result of one <c>cardservice cards</c> run.</summary>
/// <param name="Generator">The generator found, or null when the run could not start.</param>
/// <param name="Posts">Post files found.</param>
/// <param name="Unpublished">Posts skipped for <c>published: false</c> or <c>draft: true</c>.</param>
/// <param name="Cards">Every card file, sorted by path.</param>
/// <param name="Problems">Errors and warnings, each with its file and line.</param>
/// <param name="FrontMatterWritten">Posts given <c>image:</c> by <c>--write-front-matter</c>.</param>
/// <param name="ConfigurationError">The run could not start (no site, bad options, a broken <c>cardservice.yml</c>): exit 2.</param>
/// <param name="Interrupted">Cancelled part way: the cards written are whole and in the manifest.</param>
public sealed record SiteCardReport(
    SiteGenerator? Generator,
    int Posts,
    int Unpublished,
    ImmutableArray<CardOutcome> Cards,
    ImmutableArray<CardProblem> Problems,
    ImmutableArray<string> FrontMatterWritten,
    bool ConfigurationError,
    bool Interrupted)
{
    /// <summary>Posts skipped for <c>card: false</c>.</summary>
    public int OptedOut { get; init; }

    public int Made => Count(CardStatus.Made);
    public int WouldMake => Count(CardStatus.WouldMake);
    public int Unchanged => Count(CardStatus.Unchanged);
    public int Kept => Count(CardStatus.Kept);

    /// <summary>Posts that got no card because of an error (their front matter, their path, their render).</summary>
    public int Failed => Problems.Where(p => p.Level == ProblemLevel.Error).Select(p => p.File).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Cards drawn with at least one code point no bundled font has.</summary>
    public int MissingGlyphs => Cards.Count(c => !c.MissingCodePoints.IsDefaultOrEmpty);

    public bool HasWarnings => Problems.Any(p => p.Level == ProblemLevel.Warning);

    internal static SiteCardReport Unusable(ImmutableArray<CardProblem> problems) => new(null, 0, 0, [], problems, [], ConfigurationError: true, Interrupted: false);

    private int Count(CardStatus status) => Cards.Count(c => c.Status == status);
}

/// <summary>Hears about a run as it goes (a progress bar, log lines). Called from several threads, one call at a time.</summary>
public interface ISiteCardProgress
{
    /// <summary>How many cards are about to be rendered.</summary>
    void Planned(int cardsToMake);

    /// <summary>A card rendered, written or failed.</summary>
    void Done(CardOutcome outcome);
}
