using System.Diagnostics;
using System.Globalization;
using CardService.Core.Cards;
using CardService.Core.Fonts;
using CardService.Core.Tests.Support;

namespace CardService.Benchmarks.Cards;

/// <summary>
/// <c>templates [N]</c>: cards/s of each template on the reference cards at 1200×630 (PNG, one thread, 50 warm-up cards
/// each), and of the photo and split templates again with a 1200×800 PNG background: once as a blog's cards reuse it (decoded
/// once, then kept), once with the cover cache off, so that every card decodes it.
/// </summary>
internal static class TemplateBenchmark
{
    public static int Run(string[] args)
    {
        var n = args.Select(a => int.TryParse(a, out var v) ? v : 0).FirstOrDefault(v => v > 0, 200);
        var fonts = new FontRegistry(new FontOptions());
        var cached = new CardRenderer(fonts);
        var uncached = new CardRenderer(fonts, new CardRenderingOptions { CoverCacheBytes = 0 });
        var photo = TestPictures.PhotoDataUri();
        var cases = CardTemplates.Names.Select(t => (Name: t, Template: t, Background: (string?)null, Renderer: cached))
            .Concat([
                ("photo+background", "photo", photo, cached), ("split+background", "split", photo, cached),
                ("photo+bg uncached", "photo", photo, uncached), ("split+bg uncached", "split", photo, uncached),
            ]);
        foreach (var (name, template, background, renderer) in cases)
        {
            for (var i = 0; i < 50; i++)
            {
                renderer.Render(ReferenceCards.Card(100_000 + i) with { Template = template, Background = background });
            }

            var clock = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                renderer.Render(ReferenceCards.Card(i) with { Template = template, Background = background });
            }

            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-18} {n / seconds,8:F1} cards/s  {seconds * 1000 / n,6:F2} ms/card"));
        }

        return 0;
    }
}
