using System.Buffers.Text;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CardService.Core.Signing;

/// <summary>The verdict on a card URL's signature.</summary>
public enum SignatureVerdict
{
    /// <summary>Signed with one of the keys and not expired.</summary>
    Valid,

    /// <summary>No <c>sig</c> parameter.</summary>
    Missing,

    /// <summary>A <c>sig</c> that no key produces for these parameters (or an <c>exp</c> that is not a time).</summary>
    Mismatch,

    /// <summary>Signed, but its <c>exp</c> has passed.</summary>
    Expired,
}

/// <summary>
/// Signs and checks card URLs: HMAC-SHA256 over the card's parameters in a canonical form (sorted by name then value, each
/// decoded and re-encoded one way), so parameter order and percent-encoding (<c>%20</c>, <c>+</c>, <c>%C3%A9</c> or <c>é</c>)
/// do not change the signature. <c>exp</c> (Unix seconds, optional) is one of the signed parameters; <c>sig</c> carries the
/// signature, base64url. The first key signs; any key verifies. Thread-safe.
/// </summary>
public sealed class CardUrlSigner
{
    /// <summary>The query parameter carrying the signature.</summary>
    public const string SignatureParameter = "sig";

    /// <summary>The query parameter carrying the expiry, in Unix seconds.</summary>
    public const string ExpiryParameter = "exp";

    // Binds a signature to card URLs of this scheme, so the same keys could never be replayed for another use.
    private const string Domain = "cardservice-card-v1\n";

    private readonly ImmutableArray<byte[]> _keys;
    private readonly TimeProvider _time;

    /// <summary>Makes a signer; throws <see cref="ArgumentException"/> listing every problem when <paramref name="options"/> are invalid or hold no key.</summary>
    public CardUrlSigner(SigningOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = options.KeyBytes();
        if (_keys.IsEmpty)
        {
            throw new ArgumentException($"A signer needs at least one key ({SigningOptions.SectionName}:{nameof(SigningOptions.Keys)}).", nameof(options));
        }

        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// <paramref name="cardEndpoint"/> (<c>https://cards.example/card</c>) with <paramref name="parameters"/>, an optional
    /// expiry and the signature as its query string. Empty values are left out.
    /// </summary>
    public Uri SignUrl(Uri cardEndpoint, IEnumerable<KeyValuePair<string, string?>> parameters, DateTimeOffset? expires = null)
    {
        ArgumentNullException.ThrowIfNull(cardEndpoint);
        ArgumentNullException.ThrowIfNull(parameters);
        var pairs = parameters
            .Where(p => !string.IsNullOrEmpty(p.Value) && p.Key is not (SignatureParameter or ExpiryParameter))
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value!))
            .ToList();
        if (expires is { } expiry)
        {
            pairs.Add(new(ExpiryParameter, expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        }

        var query = string.Join('&', pairs.Select(p => Encode(p.Key) + "=" + Encode(p.Value)));
        var signature = Sign(pairs);
        var builder = new UriBuilder(cardEndpoint) { Query = (query.Length > 0 ? query + "&" : "") + SignatureParameter + "=" + signature };
        return builder.Uri;
    }

    /// <summary>The signature (base64url) of decoded <paramref name="parameters"/> with the first key; <c>sig</c> itself is ignored.</summary>
    public string Sign(IEnumerable<KeyValuePair<string, string>> parameters) => SignWith(_keys[0], Canonical(parameters));

    /// <summary>Checks decoded query <paramref name="parameters"/> (as a server parsed them) against every key, then the expiry.</summary>
    public SignatureVerdict Verify(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        var signatures = list.Where(p => p.Key == SignatureParameter).Select(p => p.Value).ToList();
        if (signatures.Count == 0 || string.IsNullOrEmpty(signatures[0]))
        {
            return SignatureVerdict.Missing;
        }

        if (signatures.Count > 1)
        {
            return SignatureVerdict.Mismatch;
        }

        var canonical = Canonical(list);
        var given = Encoding.ASCII.GetBytes(signatures[0]);
        if (!_keys.Any(key => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SignWith(key, canonical)), given)))
        {
            return SignatureVerdict.Mismatch;
        }

        var expiries = list.Where(p => p.Key == ExpiryParameter).Select(p => p.Value).ToList();
        if (expiries.Count == 0)
        {
            return SignatureVerdict.Valid;
        }

        // A signed exp that is not one number was made by the key holder on purpose or by mistake: refuse it either way.
        if (expiries.Count > 1 || !long.TryParse(expiries[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureVerdict.Mismatch;
        }

        return seconds < _time.GetUtcNow().ToUnixTimeSeconds() ? SignatureVerdict.Expired : SignatureVerdict.Valid;
    }

    /// <summary>
    /// The signed text: every parameter but <c>sig</c>, each name and value NFC-normalised and percent-encoded one way
    /// (RFC 3986 unreserved characters kept), sorted by name then value (ordinal), joined with <c>&amp;</c>.
    /// </summary>
    public static string Canonical(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Join('&', parameters
            .Where(p => p.Key != SignatureParameter)
            .Select(p => (Name: Encode(p.Key), Value: Encode(p.Value ?? "")))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }

    private static string Encode(string text) => Uri.EscapeDataString(text.Normalize(NormalizationForm.FormC));

    private static string SignWith(byte[] key, string canonical)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Domain + canonical));
        return Base64Url.EncodeToString(mac);
    }
}
