using SkiaSharp;

namespace CardService.Core.Cards;

/// <summary>A theme is data: colours the one drawing routine uses. A gradient is two stops.</summary>
public sealed record CardTheme(
    string Name,
    SKColor Background,
    SKColor? BackgroundEnd,
    SKColor Title,
    SKColor Muted,
    SKColor Accent);

/// <summary>The built-in themes.</summary>
public static class CardThemes
{
    public const string DefaultName = "dark";

    private static readonly Dictionary<string, CardTheme> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dark"] = new("dark", SKColor.Parse("#0b1020"), null, SKColor.Parse("#f8fafc"), SKColor.Parse("#94a3b8"), SKColor.Parse("#38bdf8")),
        ["light"] = new("light", SKColor.Parse("#ffffff"), null, SKColor.Parse("#0f172a"), SKColor.Parse("#475569"), SKColor.Parse("#2563eb")),
        ["sunset"] = new("sunset", SKColor.Parse("#4c1d95"), SKColor.Parse("#db2777"), SKColor.Parse("#ffffff"), SKColor.Parse("#fce7f3"), SKColor.Parse("#fde047")),
    };

    /// <summary>Names of every built-in theme, for error messages and the API description.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryGet(string name, out CardTheme theme) => ByName.TryGetValue(name, out theme!);
}
