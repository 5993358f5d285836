using CardService.Core.Fetching;

namespace CardService.Core.Cards;

/// <summary>
/// Logos and backgrounds arrive as <c>data:</c> URIs. They are checked from their header before any pixel is
/// decoded, so a tiny file that declares a huge image (a decompression bomb) is refused, not allocated; those that pass are
/// decoded at the size they are drawn (<see cref="EncodedImage"/>).
/// </summary>
public static class CardImages
{
    private static readonly CardRenderingOptions DefaultLimits = new();

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

    /// <summary>Why the image cannot be used under <paramref name="limits"/> (the defaults when null), or null when it can.</summary>
    public static string? Check(string dataUri, CardRenderingOptions? limits = null)
    {
        ArgumentNullException.ThrowIfNull(dataUri);
        return TryReadBytes(dataUri, out var bytes, out var problem) ? CheckBytes(bytes, limits) : problem;
    }

    /// <summary>Bytes of an already-fetched image (a remote logo or background) checked the same way.</summary>
    public static string? CheckBytes(ReadOnlySpan<byte> bytes, CardRenderingOptions? limits = null)
    {
        using var image = EncodedImage.Open(bytes);
        return image is null ? (LooksLikeSvg(bytes) ? SvgRefused : NotAnImage) : image.Problem(limits ?? DefaultLimits);
    }

    /// <summary>A checked image, not yet decoded; null when it is not one or breaks a limit (callers check first, so this is for the unexpected).</summary>
    internal static EncodedImage? Open(string dataUri, CardRenderingOptions limits)
    {
        if (!TryReadBytes(dataUri, out var bytes, out _) || EncodedImage.Open(bytes) is not { } image)
        {
            return null;
        }

        if (image.Problem(limits) is null)
        {
            return image;
        }

        image.Dispose();
        return null;
    }

    private const string NotAnImage = "The image is not a PNG, JPEG, GIF, WebP, BMP or ICO file.";

    /// <summary>
    /// Why an SVG is refused. No well-kept SVG rasteriser is in our package set, and an SVG can pull in fonts and other
    /// files: refused with a way out rather than guessed at.
    /// </summary>
    public const string SvgRefused = "SVG images are not supported: export the logo as a PNG or WebP (at least 4× the height it is drawn, e.g. 256 px tall).";

    /// <summary>An SVG document: optional BOM and whitespace, then an XML declaration, comment, doctype or &lt;svg.</summary>
    private static bool LooksLikeSvg(ReadOnlySpan<byte> bytes)
    {
        var head = System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 1024)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith('<') && head.Contains("<svg", StringComparison.OrdinalIgnoreCase);
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
        if (header.StartsWith("image/svg", StringComparison.OrdinalIgnoreCase))
        {
            problem = SvgRefused;
            return false;
        }

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
