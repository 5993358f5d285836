using SkiaSharp;

namespace CardService.Core.Cards;

/// <summary>
/// A logo that would vanish into the card (a black wordmark on the dark theme) is drawn on a plate: white behind a dark
/// logo, near-black behind a light one. "Vanish" is a WCAG contrast ratio under <see cref="MinContrast"/> between the
/// logo's average ink (its opaque pixels, weighted by alpha) and the background under it.
/// </summary>
internal static class LogoPlates
{
    /// <summary>Below this ratio the logo gets a plate (WCAG 2.1 asks 3:1 of graphics).</summary>
    public const double MinContrast = 3.0;

    /// <summary>The plate's inner margin, as a share of the logo box's height.</summary>
    public const float Padding = 0.14f;

    private static readonly SKColor LightPlate = new(0xff, 0xff, 0xff);
    private static readonly SKColor DarkPlate = new(0x11, 0x18, 0x27);

    /// <summary>The plate colour <paramref name="logo"/> needs on <paramref name="background"/>, or null when it stands out on its own.</summary>
    public static SKColor? For(SampledImage logo, SKColor background)
    {
        if (Ink(logo.Image) is not { } ink)
        {
            return null;
        }

        var backgroundLuminance = Luminance(background);
        if (Contrast(ink, backgroundLuminance) >= MinContrast)
        {
            return null;
        }

        // The plate is whichever of white and near-black the logo contrasts with more.
        return Contrast(ink, Luminance(LightPlate)) >= Contrast(ink, Luminance(DarkPlate)) ? LightPlate : DarkPlate;
    }

    /// <summary>The theme's colour under <paramref name="box"/>: its flat colour, or the gradient's at the box's centre.</summary>
    public static SKColor BackgroundAt(CardTheme theme, SKRect box, int width, int height)
    {
        if (theme.BackgroundEnd is not { } end)
        {
            return theme.Background;
        }

        // The gradient runs from the top-left corner to the bottom-right one.
        var along = (box.MidX * width + box.MidY * height) / ((float)width * width + (float)height * height);
        var t = Math.Clamp(along, 0, 1);
        var start = theme.Background;
        return new SKColor(
            (byte)(start.Red + (end.Red - start.Red) * t), (byte)(start.Green + (end.Green - start.Green) * t), (byte)(start.Blue + (end.Blue - start.Blue) * t));
    }

    /// <summary>
    /// Relative luminance of the logo's ink, or null when it is all but transparent, or opaque: a logo without transparency
    /// brings its own background, and a plate around it would only frame it.
    /// </summary>
    private static double? Ink(SKImage image)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        if (!image.ReadPixels(bitmap.Info, bitmap.GetPixels(), bitmap.RowBytes, 0, 0))
        {
            return null;
        }

        var pixels = bitmap.GetPixelSpan();
        double sum = 0;
        double weight = 0;
        var opaque = 0;
        for (var p = 0; p + 3 < pixels.Length; p += 4)
        {
            var alpha = pixels[p + 3] / 255.0;
            opaque += alpha > 0.9 ? 1 : 0;
            if (alpha > 0.1)
            {
                sum += alpha * Luminance(pixels[p], pixels[p + 1], pixels[p + 2]);
                weight += alpha;
            }
        }

        return weight < 1 || opaque >= pixels.Length / 4 * 0.95 ? null : sum / weight;
    }

    private static double Contrast(double a, double b) => (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);

    private static double Luminance(SKColor c) => Luminance(c.Red, c.Green, c.Blue);

    private static double Luminance(byte r, byte g, byte b) => 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(b);

    private static double Linear(byte channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
