using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace CardService.Core.Validation;

/// <summary>How a page will fare on one platform.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    /// <summary>No errors or warnings affect the platform.</summary>
    Ok,

    /// <summary>Warnings only: the preview shows, but worse than it could.</summary>
    Degraded,

    /// <summary>At least one error: no preview, no image, or the wrong link.</summary>
    Broken,
}

/// <summary>The verdict for one platform and the rule ids behind it.</summary>
/// <param name="Platform">The platform (never <see cref="Platform.All"/>).</param>
/// <param name="Verdict">Ok, degraded or broken.</param>
/// <param name="RuleIds">The rules whose errors or warnings affect the platform, in finding order, without repeats.</param>
public sealed record PlatformVerdict(Platform Platform, Verdict Verdict, ImmutableArray<string> RuleIds);

/// <summary>How many findings of each severity.</summary>
public sealed record SeverityCounts(int Errors, int Warnings, int Infos);

/// <summary>The result of validating one page.</summary>
/// <param name="PageUrl">The page judged (its final URL when fetched).</param>
/// <param name="Score">0–100; see <see cref="PageValidator.ComputeScore"/> for the formula.</param>
/// <param name="Counts">Findings per severity.</param>
/// <param name="Findings">Every finding, errors first, then by rule id.</param>
/// <param name="Platforms">One verdict per platform, in <see cref="Platform"/> order.</param>
/// <param name="NotChecked">Rule ids that were not checked because the facts they need were unknown (e.g. HTML posted without fetching).</param>
public sealed record PageReport(
    Uri PageUrl,
    int Score,
    SeverityCounts Counts,
    ImmutableArray<Finding> Findings,
    ImmutableArray<PlatformVerdict> Platforms,
    ImmutableArray<string> NotChecked);
