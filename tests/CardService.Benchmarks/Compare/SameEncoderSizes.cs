using System.Globalization;
using System.Text;
using CardService.Core.Cards.Encoders;
using SkiaSharp;

namespace CardService.Benchmarks.Compare;

/// <summary>
/// PNG sizes with the encoder taken out of the comparison: cards 0…<see cref="Cards"/>−1 from every engine are decoded
/// to pixels and each set is re-encoded with the same encoders (Skia's PNG at its defaults, and our own exact RGB mode),
/// so a size ratio says what the drawing costs, not what our palette saves.
/// </summary>
internal static class SameEncoderSizes
{
    public const int Cards = 10;

    private static readonly (string Engine, string Flag)[] Peers = [("@vercel/og", "--engine=vercel-og"), ("satori + resvg-js", "--engine=satori")];

    public static async Task<string> MeasureAsync(string self, string peerScript, string peers, Func<PeerComparison.Job, Task<PeerComparison.JobResult>> run)
    {
        var root = Directory.CreateTempSubdirectory("cardservice-samples-").FullName;
        try
        {
            var ours = await run(new PeerComparison.Job("cardservice", "samples", self,
                ["cards", $"--samples={Path.Combine(root, "cardservice")}", string.Create(CultureInfo.InvariantCulture, $"--count={Cards}")]));
            var folders = new List<(string Engine, string Folder)> { ("cardservice", Path.Combine(root, "cardservice")) };
            foreach (var (engine, flag) in Peers)
            {
                var folder = Directory.CreateDirectory(Path.Combine(root, flag["--engine=".Length..])).FullName;
                for (var i = 0; i < Cards; i++)
                {
                    var sample = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{i}.png"));
                    await run(new PeerComparison.Job(engine, "samples", "node",
                        [peerScript, "0", "--warmup=0", flag, "--font=dejavu", $"--sample={sample}", string.Create(CultureInfo.InvariantCulture, $"--sample-index={i}"), $"--peers={peers}"]));
                }

                folders.Add((engine, folder));
            }

            return Table(folders.Select(f => Measure(f.Engine, f.Folder)).ToList(), ours);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed record Sizes(string Engine, double Own, double Skia, double ExactRgb);

    private static Sizes Measure(string engine, string folder)
    {
        double own = 0, skia = 0, exact = 0;
        for (var i = 0; i < Cards; i++)
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{i}.png")));
            using var pixels = OpaqueRgba(bytes);
            using var pixmap = pixels.PeekPixels();
            using var skiaPng = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 6))
                ?? throw new InvalidOperationException($"Skia could not encode {engine}'s card {i}.");
            own += bytes.Length;
            skia += skiaPng.Size;
            exact += PngEncoder.Encode(pixmap, palette: false).Length;
        }

        return new Sizes(engine, own / Cards, skia / Cards, exact / Cards);
    }

    /// <summary>The PNG's pixels as opaque RGBA8888 (every engine's card has an opaque background), the form both encoders take.</summary>
    private static SKBitmap OpaqueRgba(byte[] png)
    {
        using var decoded = SKBitmap.Decode(png) ?? throw new InvalidDataException("Not a PNG the benchmark can decode.");
        var opaque = new SKBitmap(new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(opaque);
        canvas.Clear(SKColors.Black);
        using var image = SKImage.FromBitmap(decoded);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        return opaque;
    }

    private static string Table(List<Sizes> sizes, PeerComparison.JobResult ours)
    {
        var vercel = sizes.First(s => s.Engine == "@vercel/og");
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"PNG bytes, mean of cards 0–{Cards - 1}, each engine's pixels decoded and re-encoded by the same encoders.").AppendLine();
        md.AppendLine("| engine | own encoder | × @vercel/og | Skia PNG (all filters, zlib 6) | × @vercel/og | our exact RGB (no palette, zlib 2) | × @vercel/og |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var s in sizes)
        {
            md.AppendLine(c, $"| {s.Engine} | {s.Own:F0} | {s.Own / vercel.Own:F2} | {s.Skia:F0} | {s.Skia / vercel.Skia:F2} | {s.ExactRgb:F0} | {s.ExactRgb / vercel.ExactRgb:F2} |");
        }

        md.AppendLine().AppendLine(c,
            $"Our palette on these {Cards} cards: {ours.Value("paletted"):F0} written as palette images; {ours.Value("changed_pixel_share") * 100:F2} % of pixels differ from what was drawn, by at most {ours.Value("max_channel_error"):F0}/255 per channel.");
        return md.ToString();
    }
}
