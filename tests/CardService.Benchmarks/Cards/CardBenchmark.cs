using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CardService.Benchmarks.Cards;
using CardService.Core.Cards;
using CardService.Core.Cards.Encoders;
using CardService.Core.Fonts;
using SkiaSharp;

namespace CardService.Benchmarks;

/// <summary>
/// The card side of the peer comparison, printing one JSON line like peer-card.mjs does:
/// <c>cards [N] [--warmup=W]</c> (throughput on one thread), <c>cards --cold</c> (the first card from process start;
/// with <c>CARDSERVICE_COLD_TRACE=1</c> it prints the time since start at each step), <c>cards --encoders</c> (every
/// PNG option measured on the same pixels), <c>cards --samples=DIR [--count=10]</c> (cards 0… written as the service
/// writes them, for the same-encoder size comparison, and what the palette changed in them).
/// </summary>
internal static class CardBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Contains("--cold"))
        {
            return Cold();
        }

        var fonts = new FontRegistry(new FontOptions());
        var renderer = new CardRenderer(fonts);
        if (args.Contains("--encoders"))
        {
            return Encoders(renderer);
        }

        if (args.FirstOrDefault(a => a.StartsWith("--samples=", StringComparison.Ordinal)) is { } samples)
        {
            return Samples(renderer, samples["--samples=".Length..], Option(args, "count", 10));
        }

        var n = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).FirstOrDefault(200);
        var warmup = Option(args, "warmup", 20);
        for (var i = 0; i < warmup; i++)
        {
            renderer.Render(ReferenceCards.Card(100_000 + i));
        }

        long bytes = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            bytes += renderer.Render(ReferenceCards.Card(i)).Bytes.Length;
        }

        var ms = clock.Elapsed.TotalMilliseconds;
        // The same cards again, split into drawing (layout + Skia) and encoding, to show where the time goes.
        double drawMs = 0, encodeMs = 0;
        for (var i = 0; i < n; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var card = renderer.Draw(ReferenceCards.Card(i), out _); // on the pooled pixels Render draws on
            var drawn = Stopwatch.GetTimestamp();
            using var pixels = card.Surface.PeekPixels();
            CardEncoder.Encode(pixels, CardFormat.Png);
            drawMs += Stopwatch.GetElapsedTime(start, drawn).TotalMilliseconds;
            encodeMs += Stopwatch.GetElapsedTime(drawn).TotalMilliseconds;
        }

        Print(new
        {
            bench = "card-throughput",
            engine = "cardservice",
            n,
            warmup,
            cards_per_s = Math.Round(n / (ms / 1000), 2),
            ms_per_card = Math.Round(ms / n, 2),
            mean_png_bytes = bytes / n,
            draw_ms = Math.Round(drawMs / n, 2),
            encode_ms = Math.Round(encodeMs / n, 2),
            max_rss_mb = PeakRssMb(),
        });
        return 0;
    }

    private static int Cold()
    {
        // Measured from the kernel's start of this process, like performance.timeOrigin in the peer script.
        var started = Process.GetCurrentProcess().StartTime;
        void Mark(string what)
        {
            if (Environment.GetEnvironmentVariable("CARDSERVICE_COLD_TRACE") is not null)
            {
                Console.Error.WriteLine($"{(DateTime.Now - started).TotalMilliseconds,7:F1} ms  {what}");
            }
        }

        Mark("main");
        var fonts = new FontRegistry(new FontOptions());
        Mark("fonts");
        var card = new CardRenderer(fonts).Render(ReferenceCards.Card(4));
        Mark("first card");
        var firstMs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        Print(new { bench = "card-cold", engine = "cardservice", first_card_ms = Math.Round(firstMs, 1), png_bytes = card.Bytes.Length, max_rss_mb = PeakRssMb() });
        return 0;
    }

    private static int Encoders(CardRenderer renderer)
    {
        // The cards stay drawn for the whole run, so every encoder gets exactly the pixels the renderer drew.
        var cards = Enumerable.Range(0, 10).Select(i => renderer.Draw(ReferenceCards.Card(i), out _)).ToList();
        try
        {
            CompareEncoders([.. cards.Select(c => c.Surface.PeekPixels())]);
        }
        finally
        {
            cards.ForEach(c => c.Dispose());
        }

        return 0;
    }

    private static void CompareEncoders(List<SKPixmap> pixmaps)
    {
        var candidates = new (string Name, Func<SKPixmap, byte[]> Encode)[]
        {
            ("skia-default", p => Skia(p, new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 6))),
            ("skia-none-z6", p => Skia(p, new SKPngEncoderOptions(SKPngEncoderFilterFlags.None, 6))),
            ("skia-sub-z1", p => Skia(p, new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1))),
            ("rgb-none-z1", p => PngEncoder.Encode(p, 1, PngRowFilter.None, palette: false)),
            ("rgb-none-z3", p => PngEncoder.Encode(p, 3, PngRowFilter.None, palette: false)),
            ("rgb-up-z2", p => PngEncoder.Encode(p, 2, PngRowFilter.Up, palette: false)),
            ("rgb-sub-z2", p => PngEncoder.Encode(p, 2, PngRowFilter.Sub, palette: false)),
            ("palette-z1", p => PngEncoder.Encode(p, 1)),
            ("palette-z2", p => PngEncoder.Encode(p, 2)),
            ("palette-z3", p => PngEncoder.Encode(p, 3)),
            ("palette-z4", p => PngEncoder.Encode(p, 4)),
            ("palette-z6", p => PngEncoder.Encode(p, 6)),
            ("palette-z9", p => PngEncoder.Encode(p, 9)),
        };

        foreach (var (name, encode) in candidates)
        {
            pixmaps.ForEach(p => encode(p));
            long bytes = 0;
            var rounds = 10;
            var clock = Stopwatch.StartNew();
            for (var r = 0; r < rounds; r++)
            {
                foreach (var p in pixmaps)
                {
                    bytes += encode(p).Length;
                }
            }

            var count = rounds * pixmaps.Count;
            Print(new { bench = "png-encoder", encoder = name, ms_per_card = Math.Round(clock.Elapsed.TotalMilliseconds / count, 2), mean_png_bytes = bytes / count });
        }
    }

    /// <summary>
    /// Writes cards 0…<paramref name="count"/>−1 as the service sends them and says what the palette did to their
    /// colours: how many pixels differ from what was drawn, and by how much at most.
    /// </summary>
    private static int Samples(CardRenderer renderer, string directory, int count)
    {
        Directory.CreateDirectory(directory);
        long pixels = 0, changed = 0;
        var maxError = 0;
        var paletted = 0;
        for (var i = 0; i < count; i++)
        {
            using var card = renderer.Draw(ReferenceCards.Card(i), out _);
            using var drawn = card.Surface.PeekPixels();
            var png = CardEncoder.Encode(drawn, CardFormat.Png);
            File.WriteAllBytes(Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{i}.png")), png);
            paletted += png[25] == 3 ? 1 : 0; // IHDR colour type 3: a palette image
            using var decoded = SKBitmap.Decode(png).Copy(SKColorType.Rgba8888);
            var (cardChanged, cardMax) = Differences(drawn.GetPixelSpan(), decoded.GetPixelSpan());
            pixels += (long)drawn.Width * drawn.Height;
            changed += cardChanged;
            maxError = Math.Max(maxError, cardMax);
        }

        Print(new { bench = "card-samples", engine = "cardservice", count, paletted, changed_pixel_share = Math.Round((double)changed / pixels, 5), max_channel_error = maxError });
        return 0;
    }

    private static (long Changed, int MaxError) Differences(ReadOnlySpan<byte> drawn, ReadOnlySpan<byte> decoded)
    {
        long changed = 0;
        var max = 0;
        for (var p = 0; p < drawn.Length; p += 4)
        {
            var error = Math.Max(Math.Abs(drawn[p] - decoded[p]), Math.Max(Math.Abs(drawn[p + 1] - decoded[p + 1]), Math.Abs(drawn[p + 2] - decoded[p + 2])));
            changed += error > 0 ? 1 : 0;
            max = Math.Max(max, error);
        }

        return (changed, max);
    }

    private static byte[] Skia(SKPixmap pixels, SKPngEncoderOptions options)
    {
        using var data = pixels.Encode(options) ?? throw new InvalidOperationException("Skia could not encode the card.");
        return data.ToArray();
    }

    private static int Option(string[] args, string name, int fallback) =>
        args.FirstOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal)) is { } a
            ? int.Parse(a[(name.Length + 3)..], CultureInfo.InvariantCulture)
            : fallback;

    private static double PeakRssMb() => Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0, 1);

    private static void Print(object result) => Console.WriteLine(JsonSerializer.Serialize(result));
}
