using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CardService.Core.Fetching;

namespace CardService.Core.Validation.Rules;

/// <summary>Syntax checks several rules share.</summary>
internal static partial class Patterns
{
    /// <summary>og:locale: language_TERRITORY (ogp.me).</summary>
    [GeneratedRegex("^[a-z]{2,3}_[A-Z]{2}$", RegexOptions.CultureInvariant)]
    public static partial Regex OgLocale();

    // BCP 47 language tag syntax (RFC 5646 §2.1): language, script, region, variants, extensions, private use.
    [GeneratedRegex(
        @"^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?|x(?:-[a-z0-9]{1,8})+|i-[a-z]{2,8})$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Bcp47();

    // ISO 8601 calendar date, optionally with a time and a zone.
    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();

    /// <summary>Whether <paramref name="tag"/> is a syntactically valid BCP 47 language tag.</summary>
    public static bool IsBcp47(string tag) => Bcp47().IsMatch(tag);

    /// <summary>Whether <paramref name="value"/> is an ISO 8601 date or date-time with a real calendar date.</summary>
    public static bool IsIso8601(string value)
    {
        var match = Iso8601().Match(value.Trim());
        return match.Success && DateOnly.TryParseExact(
            string.Concat(match.Groups[1].Value, "-", match.Groups[2].Value, "-", match.Groups[3].Value),
            "yyyy-MM-dd",
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out _);
    }

    /// <summary>Whether a URL's host is one no crawler on the internet can reach: localhost, loopback, private, link-local, <c>.local</c>.</summary>
    public static bool IsLocalHost(Uri url)
    {
        // A host IDNA rejects is reported by url-host-invalid, not here.
        if (WebUrl.DnsHost(url) is not { } dnsHost)
        {
            return false;
        }

        var host = dnsHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254);
    }
}
