using System.Net;
using System.Text.RegularExpressions;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Preview;

/// <summary>
/// The preview page's suggested card while signatures are required: the page signs its own card link with the active key,
/// so the image it shows (and the tags it offers) is drawn, through a real Kestrel listener.
/// </summary>
public sealed partial class PreviewCardLinkTests : IAsyncLifetime
{
    private const string Key = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    private readonly PageServer _pages = new();
    private CardServiceFactory _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await _pages.InitializeAsync();
        _app = PageServer.CreateApp(("Signing:Keys:0", Key), ("Signing:Required", "true"));
        _app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _pages.DisposeAsync();
    }

    private static async Task<string> CardImageSourceAsync(HttpResponseMessage preview)
    {
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var match = CardImage().Match(await preview.Content.ReadAsStringAsync());
        Assert.True(match.Success, "The preview page shows no suggested card image.");
        return WebUtility.HtmlDecode(match.Groups["src"].Value);
    }

    [Fact]
    public async Task Preview_FetchedPageWhileSigningIsRequired_ItsCardLinkIsSignedAndAnswers200()
    {
        var page = _pages.Html($"/signed/{Guid.NewGuid():N}", PageServer.Page("<title>A signed suggestion</title>"));
        using var preview = await _client.GetAsync(new Uri($"/preview?url={Uri.EscapeDataString(page.AbsoluteUri)}", UriKind.Relative));

        var source = await CardImageSourceAsync(preview);
        using var card = await _client.GetAsync(new Uri(source, UriKind.Relative));
        using var unsigned = await _client.GetAsync(new Uri($"/card?url={Uri.EscapeDataString(page.AbsoluteUri)}", UriKind.Relative));

        Assert.Contains("sig=", source, StringComparison.Ordinal);
        Assert.DoesNotContain("exp=", source, StringComparison.Ordinal); // a page's own card: a link to paste, for good
        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        Assert.Equal("image/png", card.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode); // the same card without the page's signature is still refused
    }

    [Fact]
    public async Task Preview_PostedHtmlWhileSigningIsRequired_ItsCardLinkIsSignedWithAnExpiryAndAnswers200()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["url"] = "https://blog.example/posted",
            ["html"] = PageServer.Page("<title>Posted, not online</title>", "<meta property=\"og:site_name\" content=\"Posted\">"),
        });
        using var preview = await _client.PostAsync(new Uri("/preview", UriKind.Relative), form);

        var source = await CardImageSourceAsync(preview);
        using var card = await _client.GetAsync(new Uri(source, UriKind.Relative));

        Assert.Contains("title=Posted%2C%20not%20online", source, StringComparison.Ordinal);
        Assert.Contains("exp=", source, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        Assert.Equal("image/png", card.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("<img class=\"card-image\" src=\"(?<src>[^\"]+)\"")]
    private static partial Regex CardImage();
}
