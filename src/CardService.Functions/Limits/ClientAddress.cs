using System.Collections.Immutable;
using System.Net;

namespace CardService.Functions.Limits;

/// <summary>Who a request comes from, for per-client limits: the connection's address, unless a trusted proxy forwarded it.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The connection's remote address; when that is a trusted proxy, the last address in <paramref name="forwardedHeader"/>
    /// that is not a trusted proxy (addresses before it were written by the client and prove nothing). An IPv6 client is its /64;
    /// "unknown" without an address.
    /// </summary>
    public static string Of(HttpContext context, ImmutableArray<IPNetwork> trustedProxies, string forwardedHeader)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remote = context.Connection.RemoteIpAddress is { } address ? Normal(address) : null;
        if (remote is null)
        {
            return "unknown";
        }

        if (!IsTrusted(remote, trustedProxies))
        {
            return Key(remote);
        }

        var forwarded = context.Request.Headers[forwardedHeader]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Reverse();
        foreach (var hop in forwarded)
        {
            // Some proxies (Azure's front ends) write address:port.
            if (!IPAddress.TryParse(hop, out var parsed) && !(IPEndPoint.TryParse(hop, out var endPoint) && (parsed = endPoint.Address) is not null))
            {
                // A hop we cannot read ends what can be believed: the proxy that wrote it is the client we know.
                break;
            }

            parsed = Normal(parsed);
            if (!IsTrusted(parsed, trustedProxies))
            {
                return Key(parsed);
            }
        }

        return Key(remote);
    }

    // One IPv6 subscriber holds a whole /64: counting each address apart would give them 2^64 budgets.
    private static string Key(IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool IsTrusted(IPAddress address, ImmutableArray<IPNetwork> networks) => networks.Any(n => n.Contains(address));
}
