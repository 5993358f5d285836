using System.Collections.Immutable;
using CardService.Core.Meta;
using static CardService.Core.Validation.RuleContext;

namespace CardService.Core.Validation;

/// <summary>Applies every rule of <see cref="RuleCatalog"/> to a page and scores it. Bad pages are normal: problems are findings, never exceptions.</summary>
public static class PageValidator
{
    /// <summary>Points taken per error.</summary>
    public const int ErrorPenalty = 12;

    /// <summary>Points taken per warning, up to <see cref="WarningPenaltyCap"/>.</summary>
    public const int WarningPenalty = 4;

    /// <summary>The most warnings can take together.</summary>
    public const int WarningPenaltyCap = 40;

    /// <summary>Points taken per info, up to <see cref="InfoPenaltyCap"/>.</summary>
    public const int InfoPenalty = 1;

    /// <summary>The most infos can take together (infos never sink a page).</summary>
    public const int InfoPenaltyCap = 5;

    private static readonly ImmutableArray<Platform> ConcretePlatforms = [.. Enum.GetValues<Platform>().Where(p => p != Platform.All)];

    /// <summary>Validates <paramref name="meta"/> with what is known about the page.</summary>
    /// <param name="meta">What <see cref="MetaReader"/> read.</param>
    /// <param name="facts">HTTP, charset, robots.txt and image facts; <see cref="PageFacts.None"/> when only the HTML is known.</param>
    public static PageReport Validate(PageMeta meta, PageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(facts);

        var context = new RuleContext(meta, facts);
        var known = KnownFacts(context);
        var findings = new List<Finding>();
        var notChecked = new List<string>();
        foreach (var rule in RuleCatalog.Rules)
        {
            if ((rule.Descriptor.Needs & ~known) != RuleNeeds.None)
            {
                notChecked.Add(rule.Descriptor.Id);
                continue;
            }

            findings.AddRange(rule.Evaluate(context));
        }

        ImmutableArray<Finding> ordered = [.. Ordered(Grouped(findings))];
        var roots = ordered.Where(f => f.GroupedUnder is null).ToList();
        var counts = new SeverityCounts(
            roots.Count(f => f.Severity == Severity.Error),
            roots.Count(f => f.Severity == Severity.Warning),
            roots.Count(f => f.Severity == Severity.Info));
        notChecked.Sort(StringComparer.Ordinal);
        return new PageReport(context.PageUrl, ComputeScore(counts), counts, ordered, Verdicts(ordered), [.. notChecked]);
    }

    /// <summary>
    /// The score: 100 − 12 × errors − min(40, 4 × warnings) − min(5, 1 × infos), never below 0.
    /// Errors are uncapped (eight or more errors give 0); warnings alone cannot take a page below 60, infos below 95.
    /// </summary>
    public static int ComputeScore(SeverityCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var penalty = (ErrorPenalty * counts.Errors)
            + Math.Min(WarningPenaltyCap, WarningPenalty * counts.Warnings)
            + Math.Min(InfoPenaltyCap, InfoPenalty * counts.Infos);
        return Math.Max(0, 100 - penalty);
    }

    /// <summary>
    /// Each root cause carries the platforms of its whole group, so its verdicts and its place in the score stand for every
    /// finding grouped under it. A finding grouped under a rule that found nothing stands on its own.
    /// </summary>
    private static List<Finding> Grouped(List<Finding> findings)
    {
        var roots = findings.Where(f => f.GroupedUnder is null).GroupBy(f => f.RuleId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var groups = findings.Where(f => f.GroupedUnder is not null).GroupBy(f => f.GroupedUnder!, StringComparer.Ordinal).ToList();
        var result = new List<Finding>(findings);
        foreach (var group in groups)
        {
            if (!roots.TryGetValue(group.Key, out var root))
            {
                result = [.. result.Select(f => f.GroupedUnder == group.Key ? f with { GroupedUnder = null } : f)];
                continue;
            }

            var platforms = root.Platforms.Concat(group.SelectMany(f => f.Platforms)).ToHashSet();
            ImmutableArray<Platform> union = platforms.Contains(Platform.All) ? [Platform.All] : [.. platforms.Order()];
            var worst = group.Select(f => f.Severity).Append(root.Severity).Min();
            var more = group.Count();
            var message = Inv($"{root.Message} ({more} more finding{(more == 1 ? string.Empty : "s")} below, groupedUnder \"{root.RuleId}\", share this cause)");
            result[result.IndexOf(root)] = root with { Platforms = union, Severity = worst, Message = message };
        }

        return result;
    }

    /// <summary>Errors first, then by rule id; each root cause is followed by the findings grouped under it.</summary>
    private static IEnumerable<Finding> Ordered(List<Finding> findings)
    {
        var roots = findings.Where(f => f.GroupedUnder is null).OrderBy(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList();
        var members = findings.Where(f => f.GroupedUnder is not null).ToLookup(f => f.GroupedUnder!, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            yield return root;
            if (placed.Add(root.RuleId))
            {
                foreach (var member in members[root.RuleId].OrderBy(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal))
                {
                    yield return member;
                }
            }
        }
    }

    // Grouped findings reach the verdicts through their root, which carries their platforms.
    private static ImmutableArray<PlatformVerdict> Verdicts(ImmutableArray<Finding> findings) =>
    [
        .. ConcretePlatforms.Select(platform =>
        {
            var affecting = findings
                .Where(f => f.GroupedUnder is null && f.Severity != Severity.Info && (f.Platforms.Contains(platform) || f.Platforms.Contains(Platform.All)))
                .ToList();
            var verdict = affecting.Any(f => f.Severity == Severity.Error) ? Verdict.Broken
                : affecting.Count > 0 ? Verdict.Degraded
                : Verdict.Ok;
            return new PlatformVerdict(platform, verdict, [.. affecting.Select(f => f.RuleId).Distinct(StringComparer.Ordinal)]);
        }),
    ];

    private static RuleNeeds KnownFacts(RuleContext context)
    {
        var facts = context.Facts;
        var known = RuleNeeds.None;
        if (facts.StatusCode is not null || facts.Redirects is not null || facts.FinalUrl is not null)
        {
            known |= RuleNeeds.Http;
        }

        if (facts.Images is not null)
        {
            known |= RuleNeeds.ImageProbe;
        }

        if (facts.RobotsTxtAllows is not null)
        {
            known |= RuleNeeds.RobotsTxt;
        }

        if (context.Charset is not null)
        {
            known |= RuleNeeds.Charset;
        }

        if (facts.Truncated is not null || facts.HtmlBytes is not null)
        {
            known |= RuleNeeds.Body;
        }

        return known;
    }
}
