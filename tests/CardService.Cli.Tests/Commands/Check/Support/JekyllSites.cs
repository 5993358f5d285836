using CardService.Cli.Tests.Support;
using CardService.Core.Tests.Fetching.Support;

namespace CardService.Cli.Tests.Commands.Check.Support;

/// <summary>
/// The corpus blog built with real Jekyll three times: at its public url before any card exists and after the real
/// <c>cardservice cards</c> made every card (cards → build → check, as a blog's CI runs them), and once at the address of a
/// real static host serving that build, with every other card placed, so <c>/validate</c> can probe the same images over HTTP
/// that <c>check</c> reads from the files. The layout declares two icons: missing in the first build, good in the second,
/// and in the served one the favicon is missing and the touch icon is 120×120.
/// </summary>
public sealed class JekyllSites : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("cardservice-jekyll-").FullName;

    public string WithoutCards => Path.Combine(_root, "without-cards");

    public string WithCards => Path.Combine(_root, "with-cards");

    public string Served => Path.Combine(_root, "served");

    public LocalServer Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await StaticSite.StartAsync(Path.Combine(Served, "_site"));
        JekyllBlog.PrepareCopy(WithoutCards, siteUrl: null);
        JekyllBlog.PrepareCopy(WithCards, siteUrl: null);
        JekyllBlog.PrepareCopy(Served, Host.BaseUri);
        var made = await Tool.RunAsync(WithCards, "cards", ".");
        if (made.ExitCode != 0)
        {
            throw new InvalidOperationException($"cardservice cards exited {made.ExitCode}:\n{made.Stdout}\n{made.Stderr}");
        }

        var cards = JekyllBlog.CardPaths().Order(StringComparer.Ordinal).ToList();
        CardPngs.Place(Served, cards.Where((_, i) => i % 2 == 0));
        // Icons: none before cards (each page's links answer 404), good ones after; the served build gets only a touch icon too small.
        File.WriteAllBytes(Path.Combine(WithCards, "favicon.png"), TestImages.Png(32, 32));
        File.WriteAllBytes(Path.Combine(WithCards, "apple-touch-icon.png"), TestImages.Png(180, 180));
        File.WriteAllBytes(Path.Combine(Served, "apple-touch-icon.png"), TestImages.Png(120, 120));
        await Task.WhenAll(JekyllBlog.BuildAsync(WithoutCards), JekyllBlog.BuildAsync(WithCards), JekyllBlog.BuildAsync(Served));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
