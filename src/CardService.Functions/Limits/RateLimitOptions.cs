using System.Collections.Immutable;
using System.ComponentModel.DataAnnotations;
using System.Net;
using CardService.Core.Fetching;

namespace CardService.Functions.Limits;

/// <summary>
/// How often one client may call what makes this service fetch other sites (<c>/meta</c>, <c>/validate</c>,
/// <c>/card</c> with <c>url</c>, <c>logo</c> or <c>background</c> to fetch, the preview pages and their images). A client is its
/// connection's address, or the forwarded one only when the connection comes from <see cref="TrustedProxies"/>.
/// </summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string SectionName = "RateLimits";

    /// <summary>Requests that fetch, per client and window; 0 turns the limit off. Default 60.</summary>
    [Range(0, 1_000_000)]
    public int PermitLimit { get; set; } = 60;

    /// <summary>The window the permits are counted in. Default 60 seconds.</summary>
    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>
    /// CIDR networks of the reverse proxies in front of the service (<c>10.0.0.0/8</c>); only a connection from one of them
    /// may name the client in <see cref="ForwardedHeader"/>. Default none: the header is never trusted.
    /// </summary>
    [Required]
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>The header a trusted proxy names the client in: the last address in it that is not a trusted proxy is the client. Default X-Forwarded-For.</summary>
    [Required]
    [MinLength(1)]
    public string ForwardedHeader { get; set; } = "X-Forwarded-For";

    /// <summary><see cref="TrustedProxies"/> parsed (entries that do not parse are reported at start).</summary>
    public ImmutableArray<IPNetwork> TrustedNetworks() => AddressPolicy.ParseNetworks(TrustedProxies ?? [], out _);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        AddressPolicy.ParseNetworks(TrustedProxies ?? [], out var errors);
        return errors.Select(e => new ValidationResult($"{nameof(TrustedProxies)}: {e}", [nameof(TrustedProxies)]));
    }
}
