using CardService.Core.Cards;

namespace CardService.Core.Tests.Support;

/// <summary>Card specs for tests: a plausible card by default, one <c>With*</c> per field that matters.</summary>
internal sealed class CardSpecBuilder
{
    private CardSpec _spec = new() { Title = "Building a tiny static site generator" };

    public CardSpecBuilder WithTitle(string title) => Set(_spec with { Title = title });

    public CardSpecBuilder WithCategory(string? category) => Set(_spec with { Category = category });

    public CardSpecBuilder WithDescription(string? description) => Set(_spec with { Description = description });

    public CardSpecBuilder WithFooter(string? siteName, string? author = null, string? date = null) =>
        Set(_spec with { SiteName = siteName, Author = author, Date = date });

    public CardSpecBuilder WithTheme(string theme) => Set(_spec with { Theme = theme });

    public CardSpecBuilder WithTemplate(string template) => Set(_spec with { Template = template });

    public CardSpecBuilder WithAccent(string? accent) => Set(_spec with { Accent = accent });

    public CardSpecBuilder WithLogo(string? dataUri) => Set(_spec with { Logo = dataUri });

    public CardSpecBuilder WithBackground(string? dataUri) => Set(_spec with { Background = dataUri });

    public CardSpecBuilder WithSize(int width, int height) => Set(_spec with { Width = width, Height = height });

    public CardSpec Build() => _spec;

    private CardSpecBuilder Set(CardSpec spec)
    {
        _spec = spec;
        return this;
    }
}
