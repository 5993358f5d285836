using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Preview;

/// <summary>
/// Signs the image links of a preview page (HMAC-SHA256 over the image URL and an expiry), so <c>/preview/image</c> fetches
/// only images a preview named, for a short while, and is no open proxy.
/// </summary>
public sealed class ImageLinks
{
    public const string Path = "/preview/image";

    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    public ImageLinks(IOptions<PreviewOptions> options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _key = string.IsNullOrEmpty(value.ImageKey) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(value.ImageKey);
        _lifetime = TimeSpan.FromMinutes(value.ImageLinkMinutes);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The local path that shows <paramref name="image"/>, valid for the configured lifetime.</summary>
    public string For(Uri image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return For(image.AbsoluteUri, Expiry().ToUnixTimeSeconds());
    }

    /// <summary>When a link made now stops working: now plus <see cref="PreviewOptions.ImageLinkMinutes"/>.</summary>
    public DateTimeOffset Expiry() => _time.GetUtcNow() + _lifetime;

    /// <summary>The path for an image URL and an expiry (Unix seconds) of the caller's choosing; tests use it for stale links.</summary>
    public string For(string image, long expires)
    {
        ArgumentNullException.ThrowIfNull(image);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Path}?src={Uri.EscapeDataString(image)}&exp={expires}&sig={Sign(image, expires)}");
    }

    /// <summary>Why a link is refused (a sentence), or null when its signature matches and it has not expired.</summary>
    public string? Check(string? image, string? expires, string? signature)
    {
        if (string.IsNullOrEmpty(image) || string.IsNullOrEmpty(signature)
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return "An image link needs src, exp and sig; only links from a preview page are served.";
        }

        var expected = Encoding.ASCII.GetBytes(Sign(image, expiry));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return "This image link was not made by this server's preview page.";
        }

        return expiry < _time.GetUtcNow().ToUnixTimeSeconds()
            ? "This image link has expired; reload the preview to get fresh ones."
            : null;
    }

    private string Sign(string image, long expires)
    {
        var message = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{expires}\n{image}"));
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, message));
    }
}
