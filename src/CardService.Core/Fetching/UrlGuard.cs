using System.Collections.Frozen;
using System.Net;

namespace CardService.Core.Fetching;

/// <summary>Refuses, before any DNS lookup, URLs the fetcher must never try: wrong scheme, credentials, blocked literals and names.</summary>
internal static class UrlGuard
{
    // Names that reach instance metadata or the machine itself whatever DNS says.
    private static readonly FrozenSet<string> BlockedNames = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "localhost",
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "metadata.azure.com",
        "instance-data",
        "instance-data.ec2.internal");

    // Suffixes reserved for private use or link-local resolution: never a public site.
    private static readonly string[] BlockedSuffixes = [".localhost", ".local", ".internal", ".home.arpa", ".localdomain", ".lan", ".intranet", ".corp"];

    public static FetchFailure? Check(Uri? url, AddressPolicy policy)
    {
        if (url is null || !url.IsAbsoluteUri)
        {
            return new(FetchFailureKind.InvalidUrl, url, $"'{url}' is not an absolute URL");
        }

        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            return new(FetchFailureKind.InvalidUrl, url, $"{url} uses the {url.Scheme}: scheme; only http and https are fetched");
        }

        if (url.UserInfo.Length > 0)
        {
            return new(FetchFailureKind.InvalidUrl, url, $"{url} carries credentials (user info before '@'); such URLs are not fetched");
        }

        if (WebUrl.DnsHost(url) is not { } host)
        {
            return new(FetchFailureKind.InvalidUrl, url, $"{url} has host '{url.Host}', which is not a valid domain name (IDNA rejects it)");
        }

        return CheckHost(url, host, policy);
    }

    /// <summary>Checks a host as a URL or the connection layer spells it: an IP literal or a DNS name.</summary>
    public static FetchFailure? CheckHost(Uri? url, string host, AddressPolicy policy)
    {
        // IdnHost maps full-width and other Unicode digits, so "①②⑦.0.0.1" arrives here as 127.0.0.1.
        var name = host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        if (name.Length == 0)
        {
            return new(FetchFailureKind.InvalidUrl, url, $"{url} has no host");
        }

        if (IPAddress.TryParse(name, out var literal))
        {
            var why = policy.Check(literal);
            return why is null ? null : new(FetchFailureKind.BlockedAddress, url, $"{url} is refused: {why}");
        }

        if (BlockedNames.Contains(name) || BlockedSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
        {
            return new(FetchFailureKind.BlockedAddress, url, $"{url} names host '{name}', which is local or internal by definition");
        }

        var lastDot = name.LastIndexOf('.');
        if (lastDot < 0)
        {
            return new(FetchFailureKind.BlockedAddress, url, $"{url} names single-label host '{name}', which resolves through local search domains");
        }

        // A numeric last label is never a DNS name; browsers read such hosts as IPv4 (or reject them).
        var last = name[(lastDot + 1)..];
        if (last.All(char.IsAsciiDigit) || (last.StartsWith("0x", StringComparison.Ordinal) && last[2..].All(char.IsAsciiHexDigit)))
        {
            return new(FetchFailureKind.InvalidUrl, url, $"{url} has host '{name}', which looks like a malformed IP address");
        }

        return null;
    }
}
