using System.Collections.Immutable;

namespace CardService.Core.Validation;

/// <summary>
/// One thing a rule found: the message with the actual value, optionally a narrower set of platforms (the ones this hit
/// affects), and optionally the rule id of the root cause it is grouped under (see <see cref="Finding.GroupedUnder"/>).
/// </summary>
internal readonly record struct RuleHit(string Message, string? Value, ImmutableArray<Platform> Platforms = default, string? GroupedUnder = null);

/// <summary>A rule: its descriptor and a check returning zero or more hits.</summary>
internal sealed class Rule(RuleDescriptor descriptor, Func<RuleContext, IEnumerable<RuleHit>> check)
{
    public RuleDescriptor Descriptor { get; } = descriptor;

    public static Rule Define(
        string id,
        Severity severity,
        ImmutableArray<Platform> platforms,
        string title,
        string fix,
        string source,
        Func<RuleContext, IEnumerable<RuleHit>> check,
        RuleNeeds needs = RuleNeeds.None) =>
        new(new RuleDescriptor(id, severity, platforms, title, fix, source, needs), check);

    public IEnumerable<Finding> Evaluate(RuleContext context) =>
        check(context).Select(hit => new Finding(
            Descriptor.Id,
            Descriptor.Severity,
            hit.Platforms.IsDefaultOrEmpty ? Descriptor.Platforms : hit.Platforms,
            hit.Message,
            Descriptor.Fix,
            Descriptor.Source,
            Excerpt.Of(hit.Value))
        {
            GroupedUnder = hit.GroupedUnder,
        });
}
