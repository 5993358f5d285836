using System.Collections.Frozen;
using System.Collections.Immutable;
using CardService.Core.Validation.Rules;

namespace CardService.Core.Validation;

/// <summary>Every rule the validator applies, as data (for <c>GET /rules</c>). Ids are stable and unique.</summary>
public static class RuleCatalog
{
    internal static ImmutableArray<Rule> Rules { get; } =
    [
        .. OpenGraphRules.All,
        .. TwitterRules.All,
        .. ImageRules.All,
        .. IconRules.All,
        .. SeoRules.All,
        .. PlatformRules.All,
        .. StructuredDataRules.All,
        .. CrawlRules.All,
    ];

    private static readonly FrozenDictionary<string, RuleDescriptor> ById =
        Rules.ToFrozenDictionary(r => r.Descriptor.Id, r => r.Descriptor, StringComparer.Ordinal);

    /// <summary>Every rule's descriptor, ordered by id.</summary>
    public static ImmutableArray<RuleDescriptor> All { get; } =
        [.. Rules.Select(r => r.Descriptor).OrderBy(d => d.Id, StringComparer.Ordinal)];

    /// <summary>The descriptor with <paramref name="id"/>; null when no rule has it.</summary>
    public static RuleDescriptor? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ById.GetValueOrDefault(id);
    }
}
