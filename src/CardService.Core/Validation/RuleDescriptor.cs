using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace CardService.Core.Validation;

/// <summary>The facts beyond the HTML a rule needs; a rule whose facts are unknown is reported as not checked instead of guessing.</summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<RuleNeeds>))]
public enum RuleNeeds
{
    /// <summary>The HTML alone is enough.</summary>
    None = 0,

    /// <summary>The HTTP response: status, final URL, redirects, headers.</summary>
    Http = 1,

    /// <summary>Probed image facts (status, type, bytes, pixel size).</summary>
    ImageProbe = 2,

    /// <summary>robots.txt checked for the crawlers.</summary>
    RobotsTxt = 4,

    /// <summary>How the bytes were decoded (charset declaration and sniffing).</summary>
    Charset = 8,

    /// <summary>The body's byte length and whether it was cut at the fetch cap.</summary>
    Body = 16,
}

/// <summary>A rule of the catalogue, as data (what <c>GET /rules</c> lists).</summary>
/// <param name="Id">Stable kebab-case id; never renamed once published.</param>
/// <param name="Severity">The severity of its findings.</param>
/// <param name="Platforms">The platforms it affects.</param>
/// <param name="Title">A short description of what the rule checks.</param>
/// <param name="Fix">How to fix a page that fails it.</param>
/// <param name="Source">Where the rule comes from (RULES.md's link).</param>
/// <param name="Needs">Facts beyond the HTML it needs; when unknown, the rule is not checked.</param>
public sealed record RuleDescriptor(
    string Id,
    Severity Severity,
    ImmutableArray<Platform> Platforms,
    string Title,
    string Fix,
    string Source,
    RuleNeeds Needs = RuleNeeds.None);
