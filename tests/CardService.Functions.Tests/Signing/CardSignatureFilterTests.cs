using System.Net;
using System.Net.Http.Json;
using CardService.Core.Signing;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Signing;

/// <summary>Signed card URLs through a real Kestrel listener: the app holds two keys (the current and the previous one).</summary>
public sealed class CardSignatureFilterTests : IAsyncLifetime
{
    private const string Current = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    private const string Previous = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string Stranger = "//79/Pv6+fj39vX08/Lx8O/u7ezr6uno5+bl5OPi4eA=";

    private KestrelApp _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app = KestrelApp.Start(("Signing:Keys:0", Current), ("Signing:Keys:1", Previous), ("Signing:Required", "true"));
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private static string SignedPath(string key, DateTimeOffset? expires = null, params (string Name, string Value)[] fields)
    {
        var signer = new CardUrlSigner(new SigningOptions { Keys = [key] });
        return signer.SignUrl(new Uri("http://cards.example/card"), fields.Select(f => new KeyValuePair<string, string?>(f.Name, f.Value)), expires).PathAndQuery;
    }

    private Task<HttpResponseMessage> GetAsync(string pathAndQuery) => _client.GetAsync(new Uri(pathAndQuery, UriKind.Relative));

    [Fact]
    public async Task Get_SignedWithTheCurrentKey_RendersTheCard()
    {
        using var response = await GetAsync(SignedPath(Current, null, ("title", "Signed héllo"), ("category", "Notes & more")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_SignedWithThePreviousKey_RendersTheCard()
    {
        using var response = await GetAsync(SignedPath(Previous, null, ("title", "Rolled key")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_ParametersReorderedAndEncodedOtherwise_RendersTheCard()
    {
        var signed = SignedPath(Current, null, ("title", "Order and encoding"), ("theme", "light"));
        var sig = signed[(signed.IndexOf("sig=", StringComparison.Ordinal) + 4)..];

        using var response = await GetAsync($"/card?sig={sig}&theme=%6Cight&title=Order+and%20encoding");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_SignedWithAKeyTheServerDoesNotHold_Answers403Mismatch()
    {
        using var response = await GetAsync(SignedPath(Stranger, null, ("title", "Forged")));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "signature-mismatch");
        Assert.Equal("Signature does not match", problem.GetProperty("title").GetString());
        Assert.Contains("No active key signs these parameters", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ParameterAddedToASignedUrl_Answers403Mismatch()
    {
        using var response = await GetAsync(SignedPath(Current, null, ("title", "Tampered")) + "&url=http%3A%2F%2F127.0.0.2%2F");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "signature-mismatch");
    }

    [Fact]
    public async Task Get_ExpiredSignedUrl_Answers403Expired()
    {
        using var response = await GetAsync(SignedPath(Current, DateTimeOffset.UtcNow.AddDays(-1), ("title", "Too late")));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "signature-expired");
        Assert.Equal("Signed URL expired", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Get_SignedUrlBeforeItsExpiry_RendersTheCard()
    {
        using var response = await GetAsync(SignedPath(Current, DateTimeOffset.UtcNow.AddDays(1), ("title", "In time")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_Unsigned_Answers403Required()
    {
        using var response = await GetAsync("/card?title=Unsigned");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "signature-required");
        Assert.Equal("Signature required", problem.GetProperty("title").GetString());
        Assert.Contains("cardservice sign", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_Unsigned_Answers403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri("/card?title=Unsigned", UriKind.Relative));
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_WhileSignaturesAreRequired_Answers403Required()
    {
        using var response = await _client.PostAsJsonAsync(new Uri("/card", UriKind.Relative), new { title = "A body cannot be signed" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "signature-required");
    }

    [Fact]
    public async Task Get_KeysButNotRequired_ServesUnsignedAndRefusesAWrongSignature()
    {
        await using var app = KestrelApp.Start(("Signing:Keys:0", Current));
        using var client = app.CreateClient();

        using var unsigned = await client.GetAsync(new Uri("/card?title=Optional", UriKind.Relative));
        using var forged = await client.GetAsync(new Uri(SignedPath(Stranger, null, ("title", "Optional")), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, unsigned.StatusCode);
        await ProblemAssert.IsProblemAsync(forged, HttpStatusCode.Forbidden, "signature-mismatch");
    }
}
