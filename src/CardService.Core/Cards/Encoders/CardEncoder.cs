using SkiaSharp;

namespace CardService.Core.Cards.Encoders;

/// <summary>Turns rendered pixels into the bytes of one image format. Encoding, not drawing, is a card's main cost.</summary>
public static class CardEncoder
{
    /// <summary>The media type served for a format.</summary>
    public static string ContentTypeOf(CardFormat format) => format switch
    {
        CardFormat.Jpeg => "image/jpeg",
        CardFormat.Webp => "image/webp",
        _ => "image/png",
    };

    /// <summary>Encodes opaque pixels in the given format.</summary>
    public static byte[] Encode(SKPixmap pixels, CardFormat format)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (format == CardFormat.Png)
        {
            return PngEncoder.Encode(pixels);
        }

        using var data = format switch
        {
            CardFormat.Jpeg => pixels.Encode(new SKJpegEncoderOptions(85)),
            _ => pixels.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, 85)),
        };
        return data?.ToArray() ?? throw new InvalidOperationException($"Skia could not encode a {format} image.");
    }
}
