using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace CardService.Core.Fetching;

/// <summary>
/// Decides whether the fetcher may connect to an address: only public unicast addresses, plus
/// networks explicitly allowed in <see cref="FetchOptions.AllowedPrivateNetworks"/>. Cloud metadata
/// endpoints stay blocked even when an allowed network covers them.
/// </summary>
public sealed class AddressPolicy
{
    // IANA special-purpose IPv4 ranges that are not globally reachable, plus multicast and reserved.
    private static readonly ImmutableArray<(IPNetwork Network, string Why)> BlockedV4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified (0.0.0.0/8)"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (10.0.0.0/8)"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT (100.64.0.0/10)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback (127.0.0.0/8)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (169.254.0.0/16)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (172.16.0.0/12)"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments (192.0.0.0/24)"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation (192.0.2.0/24)"),
        (IPNetwork.Parse("192.88.99.0/24"), "6to4 relay anycast (192.88.99.0/24)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (192.168.0.0/16)"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking (198.18.0.0/15)"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation (198.51.100.0/24)"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation (203.0.113.0/24)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast (224.0.0.0/4)"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved or broadcast (240.0.0.0/4)"),
    ];

    // Only global unicast (2000::/3) is ever public; these are the non-public blocks inside it.
    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");

    private static readonly ImmutableArray<(IPNetwork Network, string Why)> BlockedV6 =
    [
        (IPNetwork.Parse("2001::/23"), "IETF protocol assignments incl. Teredo (2001::/23)"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation (2001:db8::/32)"),
        (IPNetwork.Parse("3fff::/20"), "documentation (3fff::/20)"),
        (IPNetwork.Parse("5f00::/16"), "SRv6 SIDs (5f00::/16)"),
    ];

    private static readonly ImmutableArray<(IPNetwork Network, string Why)> OutsideGlobalV6 =
    [
        (IPNetwork.Parse("::1/128"), "loopback (::1)"),
        (IPNetwork.Parse("::/128"), "unspecified (::)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "local-use NAT64 (64:ff9b:1::/48)"),
        (IPNetwork.Parse("100::/64"), "discard-only (100::/64)"),
        (IPNetwork.Parse("fc00::/7"), "unique-local (fc00::/7)"),
        (IPNetwork.Parse("fe80::/10"), "link-local (fe80::/10)"),
        (IPNetwork.Parse("fec0::/10"), "site-local (fec0::/10)"),
        (IPNetwork.Parse("ff00::/8"), "multicast (ff00::/8)"),
        (IPNetwork.Parse("::/96"), "IPv4-compatible (::/96, deprecated)"),
    ];

    // Never reachable, whatever is allowed: instance credentials live behind these.
    private static readonly ImmutableArray<IPAddress> MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"), // AWS, Azure, GCP, OpenStack, DigitalOcean
        IPAddress.Parse("169.254.170.2"), // AWS ECS task metadata
        IPAddress.Parse("169.254.169.253"), // AWS VPC DNS
        IPAddress.Parse("100.100.100.200"), // Alibaba Cloud
        IPAddress.Parse("168.63.129.16"), // Azure WireServer (a public address, only meaningful inside Azure)
        IPAddress.Parse("192.0.0.192"), // Oracle Cloud
        IPAddress.Parse("fd00:ec2::254"), // AWS IMDS over IPv6
        IPAddress.Parse("fd00:ec2::23"), // AWS DNS over IPv6
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private readonly ImmutableArray<IPNetwork> _allowed;

    /// <summary>Creates a policy that blocks every non-public address except those in <paramref name="allowedPrivateNetworks"/>.</summary>
    public AddressPolicy(IEnumerable<IPNetwork> allowedPrivateNetworks)
    {
        ArgumentNullException.ThrowIfNull(allowedPrivateNetworks);
        _allowed = [.. allowedPrivateNetworks];
    }

    /// <summary>The production policy: public unicast only.</summary>
    public static AddressPolicy PublicOnly { get; } = new([]);

    /// <summary>The networks this policy lets through although they are not public.</summary>
    public ImmutableArray<IPNetwork> AllowedPrivateNetworks => _allowed;

    /// <summary>True when the fetcher may connect to <paramref name="address"/>.</summary>
    public bool IsAllowed(IPAddress address) => Check(address) is null;

    /// <summary>Null when <paramref name="address"/> may be connected to, else why it may not.</summary>
    public string? Check(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var canonical = Canonical(address);

        if (MetadataAddresses.Contains(canonical))
        {
            return $"{address} is a cloud metadata endpoint";
        }

        var why = WhyNotPublic(canonical);
        if (why is null)
        {
            return null;
        }

        foreach (var network in _allowed)
        {
            if (network.Contains(canonical))
            {
                return null;
            }
        }

        return $"{address} is {why}";
    }

    /// <summary>
    /// The address a connection really reaches: IPv4-mapped, NAT64 and 6to4 forms become the IPv4
    /// address they embed, and IPv6 scope ids are dropped.
    /// </summary>
    internal static IPAddress Canonical(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (Nat64.Contains(address))
        {
            return new IPAddress(bytes[12..]);
        }

        if (SixToFour.Contains(address))
        {
            return new IPAddress(bytes.Slice(2, 4));
        }

        return address.ScopeId == 0 ? address : new IPAddress(bytes);
    }

    private static string? WhyNotPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            foreach (var (network, why) in BlockedV4)
            {
                if (network.Contains(address))
                {
                    return why;
                }
            }

            return null;
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }

        foreach (var (network, why) in OutsideGlobalV6)
        {
            if (network.Contains(address))
            {
                return why;
            }
        }

        if (!GlobalUnicastV6.Contains(address))
        {
            return "outside IPv6 global unicast (2000::/3)";
        }

        foreach (var (network, why) in BlockedV6)
        {
            if (network.Contains(address))
            {
                return why;
            }
        }

        return null;
    }

    /// <summary>
    /// Parses CIDR strings (<c>127.0.0.2/32</c>; a bare address means one host). Reports every bad
    /// entry, including a base address with bits set past the prefix (<c>127.0.0.2/8</c>), which
    /// would otherwise silently widen the allowance.
    /// </summary>
    public static ImmutableArray<IPNetwork> ParseNetworks(IEnumerable<string> cidrs, out ImmutableArray<string> errors)
    {
        ArgumentNullException.ThrowIfNull(cidrs);
        var networks = ImmutableArray.CreateBuilder<IPNetwork>();
        var problems = ImmutableArray.CreateBuilder<string>();
        foreach (var raw in cidrs)
        {
            var text = raw?.Trim() ?? "";
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            var addressText = slash < 0 ? text : text[..slash];
            if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%', StringComparison.Ordinal))
            {
                problems.Add($"'{raw}' is not a CIDR network (expected e.g. 127.0.0.2/32)");
                continue;
            }

            var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            var prefix = maxPrefix;
            if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix))
            {
                problems.Add($"'{raw}' has an invalid prefix length (0-{maxPrefix})");
                continue;
            }

            var network = new IPNetwork(MaskTo(address, prefix), prefix);
            if (!network.BaseAddress.Equals(address))
            {
                problems.Add($"'{raw}' has bits set past its /{prefix} prefix (did you mean {network}?)");
                continue;
            }

            networks.Add(network);
        }

        errors = problems.ToImmutable();
        return networks.ToImmutable();
    }

    private static IPAddress MaskTo(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
