using System.Diagnostics.CodeAnalysis;

namespace CardService.Core.Fetching;

/// <summary>
/// The one way a URL from outside (a request, a page, a redirect) becomes a <see cref="Uri"/>: absolute http(s) with a
/// host that IDNA accepts. <see cref="Uri.TryCreate(string, UriKind, out Uri)"/> accepts hosts such as "exa\uFFFDmple.com"
/// whose <see cref="Uri.IdnHost"/> then throws; such URLs stop here, so nothing downstream ever meets them.
/// </summary>
public static class WebUrl
{
    /// <summary>Parses <paramref name="value"/> (trimmed) as an absolute http or https URL with a usable host.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Uri? url) =>
        Accept(Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var parsed) ? parsed : null, out url);

    /// <summary>Resolves <paramref name="value"/> against <paramref name="baseUrl"/> as a browser would; true when the result is a usable http(s) URL.</summary>
    public static bool TryResolve(Uri baseUrl, [NotNullWhen(true)] string? value, [NotNullWhen(true)] out Uri? url)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return Accept(value is not null && Uri.TryCreate(baseUrl, value.Trim(), out var resolved) ? resolved : null, out url);
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

        return IsHttp(url)
            ? $"'{shown}' has host '{Shorten(url.Host)}', which is not a valid domain name."
            : $"'{shown}' uses the {Shorten(url.Scheme)}: scheme; only http and https URLs are fetched.";
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

    private static bool Accept(Uri? candidate, [NotNullWhen(true)] out Uri? url)
    {
        url = candidate is not null && IsHttp(candidate) && DnsHost(candidate) is { Length: > 0 } ? candidate : null;
        return url is not null;
    }
}
