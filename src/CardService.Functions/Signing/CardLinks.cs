using CardService.Core.Signing;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Signing;

/// <summary>
/// Card URLs the service itself hands out (the preview page's suggested card): signed with the active key when the server
/// holds one, so they are drawn while <see cref="SigningOptions.Required"/> is on; plain otherwise.
/// </summary>
public sealed class CardLinks
{
    /// <summary>The path of the card endpoint the links point at.</summary>
    public const string CardPath = "/card";

    private readonly CardUrlSigner? _signer;

    public CardLinks(IOptions<SigningOptions> options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _signer = options.Value.Keys.Length > 0 ? new CardUrlSigner(options.Value, time) : null;
    }

    /// <summary>
    /// <see cref="CardPath"/> on <paramref name="origin"/> with <paramref name="parameters"/> (empty values left out), signed
    /// when the server signs, expiring at <paramref name="expires"/> when one is given.
    /// </summary>
    public Uri For(Uri origin, IEnumerable<KeyValuePair<string, string?>> parameters, DateTimeOffset? expires = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(parameters);
        var endpoint = new Uri(origin, CardPath);
        if (_signer is not null)
        {
            return _signer.SignUrl(endpoint, parameters, expires);
        }

        var query = string.Join('&', parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value!)));
        return new UriBuilder(endpoint) { Query = query }.Uri;
    }
}
