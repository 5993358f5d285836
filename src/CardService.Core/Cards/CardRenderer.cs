using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CardService.Core.Cards.Encoders;
using CardService.Core.Fonts;
using SkiaSharp;

namespace CardService.Core.Cards;

/// <summary>Renders a <see cref="CardSpec"/> to image bytes. Thread-safe; one instance serves the whole app.</summary>
public sealed class CardRenderer(FontRegistry fonts)
{
    /// <summary>Bumped whenever output for the same spec changes, so ETags change with it.</summary>
    public const string Version = "0.1";

    public RenderedCard Render(CardSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!CardThemes.TryGet(spec.Theme, out var theme))
        {
            throw new ArgumentException($"Unknown theme '{spec.Theme}'.", nameof(spec));
        }

        var accent = spec.Accent is not null && CardColors.TryParse(spec.Accent, out var a) ? a : theme.Accent;
        var info = new SKImageInfo(spec.Width, spec.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(theme.Background);

        using var paint = new SKPaint { IsAntialias = true, Color = accent };
        using var categoryFont = new SKFont(fonts.Bold, 28);
        if (spec.Category is { Length: > 0 } category)
        {
            canvas.DrawText(category.ToUpperInvariant(), 80, 72 + 28, SKTextAlign.Left, categoryFont, paint);
        }

        paint.Color = theme.Title;
        using var titleFont = new SKFont(fonts.Bold, 64);
        var y = 200f;
        foreach (var line in Wrap(spec.Title, titleFont, spec.Width - 160).Take(3))
        {
            canvas.DrawText(line, 80, y, SKTextAlign.Left, titleFont, paint);
            y += 64 * 1.15f;
        }

        paint.Color = theme.Muted;
        using var footerFont = new SKFont(fonts.Regular, 30);
        canvas.DrawText(spec.SiteName ?? string.Empty, 148, spec.Height - 72, SKTextAlign.Left, footerFont, paint);

        using var pixels = surface.PeekPixels();
        var bytes = CardEncoder.Encode(pixels, spec.Format);
        return new RenderedCard(bytes, CardEncoder.ContentTypeOf(spec.Format), ETagFor(spec), ImmutableArray<int>.Empty);
    }

    /// <summary>A strong ETag from the spec's canonical JSON and the renderer's version.</summary>
    public static string ETagFor(CardSpec spec)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(spec);
        var hash = SHA256.HashData([.. Encoding.UTF8.GetBytes(Version + "\n"), .. json]);
        return $"\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"";
    }

    private static IEnumerable<string> Wrap(string text, SKFont font, float width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && font.MeasureText(candidate) > width)
            {
                yield return line.ToString();
                line.Clear().Append(word);
            }
            else
            {
                line.Clear().Append(candidate);
            }
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
