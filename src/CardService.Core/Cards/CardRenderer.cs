using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CardService.Core.Cards.Encoders;
using CardService.Core.Cards.Layout;
using CardService.Core.Fonts;
using CardService.Core.Telemetry;
using SkiaSharp;

namespace CardService.Core.Cards;

/// <summary>
/// Renders a <see cref="CardSpec"/> to image bytes. Thread-safe; one instance serves the whole app. What it holds in memory
/// is bounded by <see cref="CardRenderingOptions"/>: logos and backgrounds are decoded at the size they are drawn, theme
/// gradients are kept up to a byte budget, and Skia's process-wide glyph and resource caches are capped when it is made.
/// </summary>
public sealed class CardRenderer
{
    /// <summary>Bumped whenever output for the same spec changes, so ETags change with it.</summary>
    public const string Version = "1.2";

    // A full-card gradient costs ~5 ms to draw and ~0.1 ms to copy: keep them per theme and size, up to a byte budget.
    // Kept ones are never evicted (another render may be drawing one), so the budget is filled first come, first kept.
    private readonly ConcurrentDictionary<string, SKImage> _backgrounds = new(StringComparer.Ordinal);
    private readonly CoverCache _covers;
    private readonly SurfacePool _surfaces;
    private readonly CardLayout _layout;
    private readonly CardRenderingOptions _options;
    private readonly string _brandFonts;
    private long _backgroundBytes;

    /// <param name="fonts">The bundled fonts.</param>
    /// <param name="options">Memory bounds; the defaults when null. Skia's glyph and resource cache limits are process-wide.</param>
    public CardRenderer(FontRegistry fonts, CardRenderingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        _layout = new CardLayout(fonts);
        _brandFonts = fonts.BrandIdentity;
        _options = options ?? new CardRenderingOptions();
        _covers = new CoverCache(_options.CoverCacheBytes);
        _surfaces = new SurfacePool(_options.SurfacePoolBytes);
        SKGraphics.SetFontCacheLimit(_options.FontCacheBytes);
        SKGraphics.SetResourceCacheTotalByteLimit(_options.ResourceCacheBytes);
    }

    public RenderedCard Render(CardSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var activity = CardServiceTelemetry.Source.StartActivity("render card")?.SetTag(CardServiceTelemetry.Tags.CardFormat, spec.Format.ToString());
        var started = Stopwatch.GetTimestamp();
        using var drawn = Draw(spec, out var missing);
        using var pixels = drawn.Surface.PeekPixels();
        var bytes = CardEncoder.Encode(pixels, spec.Format);
        CardServiceTelemetry.RenderDuration.Record(
            Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(CardServiceTelemetry.Tags.CardFormat, spec.Format.ToString()));
        return new RenderedCard(bytes, CardEncoder.ContentTypeOf(spec.Format), ETag(spec), missing);
    }

    /// <summary>
    /// Draws the card on an opaque RGBA surface from the same pool as <see cref="Render"/>, before any encoding (benchmarks
    /// time the two apart, and compare encoders on it). Disposing it gives the pixels back; read them only until then.
    /// </summary>
    internal SurfacePool.PooledSurface Draw(CardSpec spec, out ImmutableArray<int> missingCodePoints)
    {
        var pooled = _surfaces.Rent(SurfaceInfo(spec));
        try
        {
            DrawOn(pooled.Surface.Canvas, spec, out missingCodePoints);
            return pooled;
        }
        catch
        {
            pooled.Dispose();
            throw;
        }
    }

    private static SKImageInfo SurfaceInfo(CardSpec spec) => new(spec.Width, spec.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);

    private void DrawOn(SKCanvas canvas, CardSpec spec, out ImmutableArray<int> missingCodePoints)
    {
        if (!CardThemes.TryGet(spec.Theme, out var theme))
        {
            throw new ArgumentException($"Unknown theme '{spec.Theme}'.", nameof(spec));
        }

        var accent = spec.Accent is not null && CardColors.TryParse(spec.Accent, out var a) ? a : theme.Accent;

        // The logo's proportions (from its header) decide the footer; then it is decoded at the size the footer draws it.
        using var logoSource = spec.Logo is null ? null : CardImages.Open(spec.Logo, _options);
        var composition = _layout.Compose(spec, logoSource is not null, logoSource is null ? 1 : (float)logoSource.Width / logoSource.Height);
        using var logo = logoSource?.Decode(SKRectI.Create(logoSource.Width, logoSource.Height),
            new SKSizeI((int)MathF.Ceiling(composition.FooterMark.Width), (int)MathF.Ceiling(composition.FooterMark.Height)), _options.MaxUnsampledPixels);
        if (logoSource is not null && logo is null)
        {
            composition = _layout.Compose(spec, false, 1);
        }

        DrawBackground(canvas, theme, spec.Width, spec.Height);
        DrawTemplateImage(canvas, composition, theme, accent, spec);

        using var paint = new SKPaint { IsAntialias = true };
        if (composition.Category is { } category)
        {
            paint.Color = accent;
            DrawBlock(canvas, category, paint);
        }

        paint.Color = theme.Title;
        DrawBlock(canvas, composition.Title, paint);
        if (composition.Description is { } description)
        {
            paint.Color = theme.Muted;
            DrawBlock(canvas, description, paint);
        }

        if (logo is not null)
        {
            DrawLogo(canvas, logo, composition.FooterMark, LogoPlates.For(logo, LogoPlates.BackgroundAt(theme, composition.FooterMark, spec.Width, spec.Height)));
        }
        else
        {
            paint.Color = accent;
            var radius = composition.FooterMark.Height / 2;
            canvas.DrawRoundRect(composition.FooterMark, radius, radius, paint);
        }

        paint.Color = theme.Muted;
        foreach (var block in new[] { composition.FooterLeft, composition.FooterRight })
        {
            if (block is not null)
            {
                DrawBlock(canvas, block, paint);
            }
        }

        missingCodePoints = composition.MissingCodePoints;
    }

    /// <summary>The ETag of the card this renderer draws for <paramref name="spec"/>: its fields and the brand fonts it draws with.</summary>
    public string ETag(CardSpec spec) => ETagFor(spec, _brandFonts);

    /// <summary>A strong ETag: SHA-256 of the renderer's version and every field of the spec, each length-prefixed.</summary>
    public static string ETagFor(CardSpec spec) => ETagFor(spec, string.Empty);

    /// <summary>The same, drawn with the brand fonts <paramref name="brandFonts"/> (<see cref="FontRegistry.BrandIdentity"/>; empty: none).</summary>
    public static string ETagFor(CardSpec spec, string brandFonts)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(brandFonts);

        // Written by hand rather than as JSON: no serializer to warm up on a fresh process's first card.
        // CardRendererTests checks that every property of CardSpec changes the tag.
        var key = new StringBuilder(256).Append("v=").Append(Version).Append('\n');
        Field(key, "title", spec.Title);
        Field(key, "category", spec.Category);
        Field(key, "description", spec.Description);
        Field(key, "siteName", spec.SiteName);
        Field(key, "author", spec.Author);
        Field(key, "date", spec.Date);
        Field(key, "theme", spec.Theme);
        Field(key, "template", spec.Template);
        Field(key, "accent", spec.Accent);
        Field(key, "logo", spec.Logo);
        Field(key, "background", spec.Background);
        Field(key, "format", spec.Format.ToString());
        Field(key, "width", spec.Width.ToString(CultureInfo.InvariantCulture));
        Field(key, "height", spec.Height.ToString(CultureInfo.InvariantCulture));
        if (brandFonts.Length > 0)
        {
            // Only with brand fonts, so cards drawn with the bundled fonts alone keep the tags they had.
            Field(key, "fonts", brandFonts);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString()));
        return $"\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"";

        static void Field(StringBuilder key, string name, string? value) =>
            (value is null ? key.Append(name).Append("=-") : key.Append(name).Append('=').Append(value.Length).Append(':').Append(value)).Append('\n');
    }

    private void DrawBackground(SKCanvas canvas, CardTheme theme, int width, int height)
    {
        if (theme.BackgroundEnd is null)
        {
            canvas.Clear(theme.Background);
        }
        else
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{theme.Name}:{width}x{height}");
            if (_backgrounds.TryGetValue(key, out var cached))
            {
                canvas.DrawImage(cached, 0, 0, SKSamplingOptions.Default, null);
            }
            else
            {
                var gradient = Gradient(theme, width, height);
                canvas.DrawImage(gradient, 0, 0, SKSamplingOptions.Default, null);
                var bytes = (long)width * height * 4;
                if (Interlocked.Add(ref _backgroundBytes, bytes) > _options.GradientCacheBytes || !_backgrounds.TryAdd(key, gradient))
                {
                    Interlocked.Add(ref _backgroundBytes, -bytes);
                    gradient.Dispose();
                }
            }
        }
    }

    // Classic and centred cards lay the theme's colour evenly over the image (a texture under the text); the photo template
    // lets the photo show at the top and darkens it toward the text; the split template gives the image its own panel, or
    // fills the panel with the accent when there is no image.
    private void DrawTemplateImage(SKCanvas canvas, CardComposition composition, CardTheme theme, SKColor accent, CardSpec spec)
    {
        var look = composition.Template.Image;
        switch (look)
        {
            case TemplateImage.Wash or TemplateImage.Photo when spec.Background is not null:
                DrawCover(canvas, spec.Background, SKRect.Create(spec.Width, spec.Height), look, theme);
                break;
            case TemplateImage.Panel when composition.Panel is { } panel:
                if (spec.Background is null || !DrawCover(canvas, spec.Background, panel, look, theme))
                {
                    // A flat fill keeps the card's colours few, so it still takes the fast palette encoder.
                    using var paint = new SKPaint { Color = accent };
                    canvas.DrawRect(panel, paint);
                }

                break;
        }
    }

    // Covers the rectangle with the image (centred, cropped to the rectangle's proportions). False when the image cannot
    // be drawn. A cover is made once per image, size and look, then kept, so drawing it is a copy: a full-card one already
    // holds the theme's background under the photo and the wash or scrim over it.
    private bool DrawCover(SKCanvas canvas, string dataUri, SKRect dest, TemplateImage look, CardTheme theme)
    {
        var size = new SKSizeI((int)MathF.Ceiling(dest.Width), (int)MathF.Ceiling(dest.Height));
        var layers = look == TemplateImage.Panel ? "panel" : $"{look}:{theme.Name}";
        var cover = _covers.GetOrAdd(dataUri, size, layers, () => MakeCover(dataUri, size, look, theme));
        if (cover is null)
        {
            return false;
        }

        using (var image = cover.ToImage())
        {
            canvas.DrawImage(image, SKRect.Create(size.Width, size.Height), dest, SKSamplingOptions.Default, null);
        }

        GC.KeepAlive(cover); // the image reads its pixels without holding them
        return true;
    }

    // Only the visible part is decoded, at no more than the cover's size; an image about that size is decoded whole by
    // Skia instead (several times faster, and no larger than twice the cover). The pixels are then scaled into the cover.
    private PinnedPixels? MakeCover(string dataUri, SKSizeI size, TemplateImage look, CardTheme theme)
    {
        using var source = CardImages.Open(dataUri, _options);
        if (source is null)
        {
            return null;
        }

        var scale = Math.Max((float)size.Width / source.Width, (float)size.Height / source.Height);
        var visibleWidth = Math.Clamp((int)MathF.Ceiling(size.Width / scale), 1, source.Width);
        var visibleHeight = Math.Clamp((int)MathF.Ceiling(size.Height / scale), 1, source.Height);
        var visible = SKRectI.Create((source.Width - visibleWidth) / 2, (source.Height - visibleHeight) / 2, visibleWidth, visibleHeight);
        var aboutCoverSize = (long)source.Width * source.Height <= 2L * size.Width * size.Height;
        using var image = (aboutCoverSize ? source.DecodeWhole(visible, _options.MaxUnsampledPixels) : null)
            ?? source.Decode(visible, size, _options.MaxUnsampledPixels);
        if (image is null)
        {
            return null;
        }

        // A full-card cover lies on the theme's background, so it is opaque, and opaque pixels are drawn by plain copy.
        var fullCard = look != TemplateImage.Panel;
        var cover = new PinnedPixels(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, fullCard ? SKAlphaType.Opaque : SKAlphaType.Premul));
        using var surface = cover.CreateSurface();
        var canvas = surface.Canvas;
        var rect = SKRect.Create(size.Width, size.Height);
        if (fullCard)
        {
            DrawBackground(canvas, theme, size.Width, size.Height);
        }
        else
        {
            canvas.Clear(SKColors.Transparent);
        }

        // Pixels already at the cover's size are copied; Mitchell's filter would only blur them.
        var sampling = image.Source.Width == size.Width && image.Source.Height == size.Height
            ? SKSamplingOptions.Default
            : new SKSamplingOptions(SKCubicResampler.Mitchell);
        canvas.DrawImage(image.Image, image.Source, rect, sampling, null);
        using var paint = new SKPaint();
        if (look == TemplateImage.Wash)
        {
            paint.Color = theme.Background.WithAlpha(190);
            canvas.DrawRect(rect, paint);
        }
        else if (look == TemplateImage.Photo)
        {
            using var scrim = SKShader.CreateLinearGradient(
                new SKPoint(0, 0), new SKPoint(0, size.Height), [theme.Background.WithAlpha(90), theme.Background.WithAlpha(150), theme.Background.WithAlpha(238)],
                [0, 0.35f, 0.75f], SKShaderTileMode.Clamp);
            paint.Shader = scrim;
            canvas.DrawRect(rect, paint);
        }

        surface.Flush();
        return cover;
    }

    // A logo drawn on a plate sits inside the plate's padding, so the plate stays within the logo's box.
    private static void DrawLogo(SKCanvas canvas, SampledImage logo, SKRect box, SKColor? plate)
    {
        using var paint = new SKPaint { IsAntialias = true };
        var target = box;
        if (plate is { } color)
        {
            paint.Color = color;
            var radius = box.Height * 0.2f;
            canvas.DrawRoundRect(box, radius, radius, paint);
            var inset = box.Height * LogoPlates.Padding;
            var shrink = Math.Min((box.Width - 2 * inset) / box.Width, (box.Height - 2 * inset) / box.Height);
            target = SKRect.Create(box.MidX - box.Width * shrink / 2, box.MidY - box.Height * shrink / 2, box.Width * shrink, box.Height * shrink);
        }

        canvas.DrawImage(logo.Image, logo.Source, target, new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
    }

    private static SKImage Gradient(CardTheme theme, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var shader = SKShader.CreateLinearGradient(
            new SKPoint(0, 0), new SKPoint(width, height), [theme.Background, theme.BackgroundEnd!.Value], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = shader };
        surface.Canvas.DrawRect(0, 0, width, height, paint);
        return surface.Snapshot();
    }

    private static void DrawBlock(SKCanvas canvas, PlacedBlock placed, SKPaint paint)
    {
        var block = placed.Block;
        var (ascent, descent) = Metrics(block);
        var y = placed.Origin.Y;
        foreach (var line in block.Lines)
        {
            // Half-leading as in CSS: the line box's extra height is split above and below the glyphs.
            // Whole-pixel baselines: Skia then caches one glyph mask per horizontal subpixel step, not per vertical one too.
            var baseline = MathF.Round(y + (block.LineHeight - (ascent + descent)) / 2 + ascent);
            var x = placed.LineX(line.Width);
            using var blob = Build(line);
            if (blob is not null)
            {
                canvas.DrawText(blob, x, baseline, paint);
            }

            y += block.LineHeight;
        }
    }

    private static (float Ascent, float Descent) Metrics(TextBlock block)
    {
        var face = block.Lines.SelectMany(l => l.Runs).Select(r => r.Face).FirstOrDefault(f => !f.IsEmoji);
        return face is null ? (block.FontSize * 0.97f, block.FontSize * 0.24f) : (face.AscentEm * block.FontSize, face.DescentEm * block.FontSize);
    }

    private static SKTextBlob? Build(TextLine line)
    {
        using var builder = new SKTextBlobBuilder();
        foreach (var run in line.Runs)
        {
            using var font = new SKFont(run.Face.Typeface, run.Size)
            {
                Edging = SKFontEdging.Antialias,
                Subpixel = true,
                Hinting = SKFontHinting.None,
                LinearMetrics = true,
            };
            var xs = new float[run.Positions.Length];
            var horizontal = true;
            for (var i = 0; i < xs.Length; i++)
            {
                xs[i] = run.Positions[i].X;
                horizontal &= run.Positions[i].Y == 0;
            }

            if (horizontal)
            {
                // A horizontal run tells Skia the text is axis-aligned, so glyph masks are shared across baselines.
                builder.AddHorizontalRun(run.Glyphs, font, xs, 0);
            }
            else
            {
                builder.AddPositionedRun(run.Glyphs, font, run.Positions);
            }
        }

        return builder.Build();
    }
}
