using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CardService.Core.Fetching;

/// <summary>
/// The one way a URL from outside (a request, a page, a redirect) becomes a <see cref="Uri"/>: absolute http(s) with a
/// host that IDNA accepts. <see cref="Uri.TryCreate(string, UriKind, out Uri)"/> accepts hosts such as "exa\uFFFDmple.com"
/// whose <see cref="Uri.IdnHost"/> then throws; such URLs stop here, so nothing downstream ever meets them. So do numeric
/// hosts other than four-part dotted decimal ("1.2.3", "0x7f.1", "2130706433"): <see cref="Uri"/> reads them as an
/// address the reader of the URL does not see ("1.2.3" is 1.2.0.3).
/// </summary>
public static class WebUrl
{
    /// <summary>Parses <paramref name="value"/> (trimmed) as an absolute http or https URL with a usable host.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Uri? url) =>
        Accept(Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var parsed) ? parsed : null, WrittenHost(value), out url);

    /// <summary>Resolves <paramref name="value"/> against <paramref name="baseUrl"/> as a browser would; true when the result is a usable http(s) URL.</summary>
    public static bool TryResolve(Uri baseUrl, [NotNullWhen(true)] string? value, [NotNullWhen(true)] out Uri? url)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        // A reference without an authority of its own ("/post", "?page=2") keeps the base's host.
        return Accept(
            value is not null && Uri.TryCreate(baseUrl, value.Trim(), out var resolved) ? resolved : null,
            WrittenHost(value) ?? baseUrl.Host,
            out url);
    }

    /// <summary>The host as DNS spells it (punycode for IDNs, IP literals without brackets), or null when IDNA rejects it.</summary>
    public static string? DnsHost(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return null;
        }

        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return url.Host.Trim('[', ']');
        }

        try
        {
            return url.IdnHost;
        }
        catch (UriFormatException)
        {
            // U+FFFD, U+200D, U+2488 and friends: Uri parses them, IDNA (UTS #46) does not.
            return null;
        }
    }

    /// <summary>Why <paramref name="value"/> is not a URL <see cref="TryParse"/> accepts, as a sentence for the user; null when it is.</summary>
    public static string? Problem(string? value)
    {
        if (TryParse(value, out _))
        {
            return null;
        }

        var shown = Shorten(value ?? string.Empty);
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var url) || url.IsFile || url.IsUnc)
        {
            return $"'{shown}' is not an absolute URL.";
        }

        if (!IsHttp(url))
        {
            return $"'{shown}' uses the {Shorten(url.Scheme)}: scheme; only http and https URLs are fetched.";
        }

        return DnsHost(url) is null
            ? $"'{shown}' has host '{Shorten(url.Host)}', which is not a valid domain name."
            : $"'{shown}' has host '{Shorten(WrittenHost(value) ?? url.Host)}', which is neither a domain name nor an IPv4 address "
                + "written as four decimal numbers (a.b.c.d); numeric hosts in other forms are refused.";
    }

    /// <summary>A value cut short for an error message (a 2 MB data: URI is not worth echoing).</summary>
    public static string Shorten(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= 80 ? value : value[..77] + "...";
    }

    /// <summary>Whether <paramref name="url"/>'s scheme is http or https.</summary>
    public static bool IsHttp(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
    }

    private static bool Accept(Uri? candidate, string? writtenHost, [NotNullWhen(true)] out Uri? url)
    {
        url = candidate is not null && IsHttp(candidate) && DnsHost(candidate) is { Length: > 0 } && IsPlainHost(candidate, writtenHost)
            ? candidate
            : null;
        return url is not null;
    }

    // An IPv4 host must be written as Uri writes it back (so "1.2.3", "0x7f.1", "017700000001", "2130706433" and "127.000.0.1"
    // are refused); a name whose last label is a number is one the URL Standard reads as IPv4 and refuses ("1.2.3.4.5").
    private static bool IsPlainHost(Uri url, string? writtenHost) => url.HostNameType switch
    {
        UriHostNameType.IPv4 => writtenHost is not null && string.Equals(writtenHost.TrimEnd('.'), url.Host, StringComparison.OrdinalIgnoreCase),
        UriHostNameType.IPv6 => true,
        _ => !EndsInNumber(url.Host) || IsDottedDecimal(url.Host.TrimEnd('.')),
    };

    private static bool EndsInNumber(string host)
    {
        var last = host.TrimEnd('.').Split('.')[^1];
        return last.Length > 0 && (last.All(char.IsAsciiDigit)
            || (last.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && last[2..].All(char.IsAsciiHexDigit)));
    }

    private static bool IsDottedDecimal(string host) =>
        host.Split('.') is { Length: 4 } parts
        && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0') && int.Parse(p, CultureInfo.InvariantCulture) <= 255);

    // The host as the text spells it, before Uri rewrites it ("1.2.3" becomes "1.2.0.3"): after "scheme:" and the slashes
    // (http treats '\\' as '/'), without user info and port, percent-escapes decoded. Null when the text has no authority.
    private static string? WrittenHost(string? text)
    {
        var rest = text?.Trim() ?? string.Empty;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && rest[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
        {
            rest = rest[(colon + 1)..];
        }

        if (!rest.StartsWith("//", StringComparison.Ordinal) && !rest.StartsWith(@"\\", StringComparison.Ordinal)
            && !rest.StartsWith(@"/\", StringComparison.Ordinal) && !rest.StartsWith(@"\/", StringComparison.Ordinal))
        {
            return null;
        }

        var authority = rest.TrimStart('/', '\\');
        var end = authority.IndexOfAny(['/', '\\', '?', '#']);
        authority = end < 0 ? authority : authority[..end];
        authority = authority[(authority.LastIndexOf('@') + 1)..];
        var port = authority.LastIndexOf(':');
        authority = port < 0 || authority.StartsWith('[') ? authority : authority[..port];
        return Uri.UnescapeDataString(authority);
    }
}
