using CardService.Core.Tests.Fetching.Support;

namespace CardService.Cli.Tests.Commands.Check.Support;

/// <summary>
/// Puts a 1200×630 PNG at each card path a site names (what <c>cardservice cards</c> will write), so a test can show that
/// <c>check</c> then finds every referenced card.
/// </summary>
public static class CardPngs
{
    public const int Width = 1200;
    public const int Height = 630;

    private static readonly Lazy<byte[]> Png = new(() => TestImages.Png(Width, Height));

    /// <summary>Writes the card at each site-relative path (with or without a leading slash) under <paramref name="siteRoot"/>.</summary>
    public static void Place(string siteRoot, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var file = Path.Combine(siteRoot, path.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, Png.Value);
        }
    }
}
