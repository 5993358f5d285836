using CardService.Core.Fonts;

namespace CardService.Core.Tests.Support;

/// <summary>One registry of the bundled fonts (copied to bin/fonts) shared by every test; it is thread-safe and never disposed.</summary>
internal static class TestFonts
{
    private static readonly Lazy<FontRegistry> Shared = new(() => new FontRegistry(new FontOptions()));

    public static FontRegistry Registry => Shared.Value;

    /// <summary>A registry of its own, for tests that count which faces get opened.</summary>
    public static FontRegistry CreateFresh() => new(new FontOptions());
}
