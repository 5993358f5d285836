using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace CardService.Core.Validation;

/// <summary>How much a finding matters. Ordered from worst to mildest, so sorting puts errors first.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    /// <summary>The preview breaks or the page is not indexed: no card, no image, a wrong link.</summary>
    Error,

    /// <summary>The preview is degraded: cropped, truncated, a small card, a slower first share.</summary>
    Warning,

    /// <summary>Worth knowing; nothing breaks.</summary>
    Info,
}

/// <summary>Where a link is shown. <see cref="All"/> means every platform.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Platform>))]
public enum Platform
{
    /// <summary>Every platform below.</summary>
    All,

    /// <summary>Facebook (and Messenger, whose crawler is Facebook's).</summary>
    Facebook,

    /// <summary>X (Twitter) cards.</summary>
    X,

    /// <summary>LinkedIn link shares.</summary>
    LinkedIn,

    /// <summary>Slack unfurls.</summary>
    Slack,

    /// <summary>Discord embeds.</summary>
    Discord,

    /// <summary>Google Search, Discover and rich results.</summary>
    Google,

    /// <summary>Apple Messages link previews.</summary>
    [JsonStringEnumMemberName("iMessage")]
    IMessage,

    /// <summary>WhatsApp link previews.</summary>
    WhatsApp,
}

/// <summary>One problem (or notable fact) a rule found on a page. Findings are data: rules never throw for a bad page.</summary>
/// <param name="RuleId">The stable, kebab-case id of the rule (<c>og-image-missing</c>).</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Platforms">The platforms it affects (may be narrower than the rule's, e.g. the one crawler robots.txt blocks).</param>
/// <param name="Message">What is wrong, with the actual value.</param>
/// <param name="Fix">How to fix it.</param>
/// <param name="Source">Where the rule comes from (a link from RULES.md).</param>
/// <param name="Value">The offending value as found, at most <see cref="Excerpt.MaxTextElements"/> characters (longer ones are cut with an ellipsis); null when the problem is an absence.</param>
public sealed record Finding(
    string RuleId,
    Severity Severity,
    ImmutableArray<Platform> Platforms,
    string Message,
    string Fix,
    string Source,
    string? Value)
{
    /// <summary>
    /// The rule id of the finding that is this one's root cause, when there is one: fixing that fixes this too (four local
    /// URLs and an unreachable local image are one problem, the site built with its development URL). The root is the
    /// finding of that rule without <see cref="GroupedUnder"/>; it carries the platforms of its whole group. Grouped
    /// findings are listed for their detail but count once, through their root, in the score, the counts and the verdicts.
    /// </summary>
    public string? GroupedUnder { get; init; }
}
