using CardService.Core.Fetching;
using SkiaSharp;

namespace CardService.Core.Cards;

/// <summary>
/// Logos and backgrounds arrive as <c>data:</c> URIs. They are checked from their header before any pixel is
/// decoded, so a tiny file that declares a huge image (a decompression bomb) is refused, not allocated.
/// </summary>
public static class CardImages
{
    /// <summary>The most pixels a logo or background may declare (a 6000×6000 photo is 36 M).</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The logo value that asks for the page's own icon.</summary>
    public const string Auto = "auto";

    /// <summary>The longest image URL accepted.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Whether <paramref name="value"/> is an absolute http(s) URL to fetch (not yet a <c>data:</c> URI).</summary>
    public static bool IsRemote(string value) =>
        value is { Length: <= MaxUrlLength }
        && WebUrl.TryParse(value, out _);

    /// <summary>A <c>data:</c> URI holding <paramref name="bytes"/>, typed by the sniffed <paramref name="format"/>.</summary>
    public static string ToDataUri(ReadOnlySpan<byte> bytes, string? format) =>
        $"data:image/{format ?? "octet-stream"};base64,{Convert.ToBase64String(bytes)}";

    /// <summary>Why the image cannot be used, or null when it can.</summary>
    public static string? Check(string dataUri)
    {
        ArgumentNullException.ThrowIfNull(dataUri);
        if (!TryReadBytes(dataUri, out var bytes, out var problem))
        {
            return problem;
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        return CheckHeader(codec);
    }

    /// <summary>Decodes a checked image; null when it is not one (callers check first, so this is for the unexpected).</summary>
    internal static SKImage? Decode(string dataUri)
    {
        if (!TryReadBytes(dataUri, out var bytes, out _))
        {
            return null;
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (CheckHeader(codec) is not null)
        {
            return null;
        }

        using var bitmap = SKBitmap.Decode(codec);
        return bitmap is null ? null : SKImage.FromBitmap(bitmap);
    }

    /// <summary>Bytes of an already-fetched image (a remote logo or background) checked the same way.</summary>
    public static string? CheckBytes(ReadOnlySpan<byte> bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        return CheckHeader(codec);
    }

    private static string? CheckHeader(SKCodec? codec)
    {
        if (codec is null)
        {
            return "The image is not a PNG, JPEG, GIF, WebP, BMP or ICO file.";
        }

        var pixels = (long)codec.Info.Width * codec.Info.Height;
        return pixels > MaxPixels
            ? $"The image declares {codec.Info.Width}×{codec.Info.Height} pixels; at most {MaxPixels / 1_000_000} million are decoded."
            : null;
    }

    private static bool TryReadBytes(string dataUri, out byte[] bytes, out string? problem)
    {
        bytes = [];
        problem = null;
        var comma = dataUri.IndexOf(',', StringComparison.Ordinal);
        if (!dataUri.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || comma < 0)
        {
            problem = "Not a data: URI (data:image/png;base64,...).";
            return false;
        }

        var header = dataUri.AsSpan(5, comma - 5);
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            problem = "The data: URI must be base64-encoded (data:image/png;base64,...).";
            return false;
        }

        try
        {
            bytes = Convert.FromBase64String(dataUri[(comma + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            problem = "The data: URI's base64 payload is not valid base64.";
            return false;
        }
    }
}
