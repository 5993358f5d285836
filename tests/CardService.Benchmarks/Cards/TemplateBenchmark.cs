using System.Diagnostics;
using System.Globalization;
using CardService.Core.Cards;
using CardService.Core.Fonts;
using CardService.Core.Tests.Support;

namespace CardService.Benchmarks.Cards;

/// <summary>
/// <c>templates [N]</c>: cards/s of each template on the reference cards at 1200×630 (PNG, one thread, 50 warm-up cards
/// each), and of the photo and split templates again with a 1200×800 PNG background, whose decoding they then pay for.
/// </summary>
internal static class TemplateBenchmark
{
    public static int Run(string[] args)
    {
        var n = args.Select(a => int.TryParse(a, out var v) ? v : 0).FirstOrDefault(v => v > 0, 200);
        var renderer = new CardRenderer(new FontRegistry(new FontOptions()));
        var photo = TestPictures.PhotoDataUri();
        var cases = CardTemplates.Names.Select(t => (Name: t, Template: t, Background: (string?)null))
            .Concat([("photo+background", "photo", photo), ("split+background", "split", photo)]);
        foreach (var (name, template, background) in cases)
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
