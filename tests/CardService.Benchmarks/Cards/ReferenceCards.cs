using CardService.Core.Cards;

namespace CardService.Benchmarks.Cards;

/// <summary>The cards of ../shared/peers/peer-card.mjs, card for card, so both sides render the same work.</summary>
internal static class ReferenceCards
{
    private static readonly string[] Categories = ["Engineering", "Product", "Design", "Research", "Security", "Release notes"];

    private static readonly string[] Topics =
    [
        "Why our build got three times faster this spring",
        "A practical guide to caching social preview images",
        "Lessons from migrating a monolith to small services",
        "How we test font rendering across five platforms",
        "Shipping dark mode without breaking the design system",
        "What we learned from a week of on-call incidents",
    ];

    private const string Long =
        "An unusually long headline that keeps going well past the point where any sensible editor would cut it, " +
        "so the card has to clamp it to three lines and finish with an ellipsis";

    /// <summary>Card <paramref name="i"/>: ≈60 characters, every 5th one ≈190 characters that must be clamped.</summary>
    public static CardSpec Card(int i) => new()
    {
        Title = i % 5 == 4 ? $"Post number {i}: {Long}" : $"Post number {i}: {Topics[i % Topics.Length]}",
        Category = Categories[i % Categories.Length],
        SiteName = "blog.example.dev",
    };
}
