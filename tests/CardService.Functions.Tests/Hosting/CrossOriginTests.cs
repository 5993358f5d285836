using System.Net;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Hosting;

/// <summary>Browsers calling the API from other pages: preflights and the headers on real answers, over a real socket.</summary>
public sealed class CrossOriginTests : IAsyncLifetime
{
    private const string Reader = "https://reader.example";
    private KestrelApp _app = null!;

    public Task InitializeAsync()
    {
        _app = KestrelApp.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static HttpRequestMessage Preflight(string path, string method, string? headers = null, string origin = Reader)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }

        return request;
    }

    private static async Task<HttpResponseMessage> GetFromReaderAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", Reader);
        return await client.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    [Theory]
    [InlineData("/meta")]
    [InlineData("/validate")]
    [InlineData("/card")]
    public async Task Preflight_JsonPostFromAnyOrigin_IsAllowedWithoutCredentials(string path)
    {
        using var client = _app.CreateClient();
        using var request = Preflight(path, "POST", "content-type");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods") ?? "", StringComparison.Ordinal);
        Assert.Contains("content-type", Header(response, "Access-Control-Allow-Headers") ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal("600", Header(response, "Access-Control-Max-Age"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Preflight_RevalidatingCardGet_AllowsIfNoneMatch()
    {
        using var client = _app.CreateClient();
        using var request = Preflight("/card?title=Hi", "GET", "if-none-match");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("if-none-match", Header(response, "Access-Control-Allow-Headers") ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Preflight_MethodTheApiDoesNotTake_GetsNoPermission()
    {
        using var client = _app.CreateClient();
        using var request = Preflight("/card", "DELETE");

        using var response = await client.SendAsync(request);

        // Without DELETE in Access-Control-Allow-Methods the browser never sends the request.
        Assert.DoesNotContain("DELETE", Header(response, "Access-Control-Allow-Methods") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCard_FromAnotherOrigin_LetsTheScriptReadTheCardHeaders()
    {
        using var client = _app.CreateClient();

        using var response = await GetFromReaderAsync(client, "/card?title=Cross%20origin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        var exposed = (Header(response, "Access-Control-Expose-Headers") ?? "").Split(',', StringSplitOptions.TrimEntries);
        Assert.Contains("ETag", exposed);
        Assert.Contains("X-Card-Missing-Glyphs", exposed);
        Assert.Contains("X-Card-Source-Title", exposed);
        Assert.Contains("X-Card-Source-Site-Name", exposed);
    }

    [Fact]
    public async Task GetMeta_BadInputFromAnotherOrigin_ProblemIsReadableByTheScript()
    {
        using var client = _app.CreateClient();

        using var response = await GetFromReaderAsync(client, "/meta");

        await ProblemAssert.IsFieldErrorAsync(response, "bad-request", "url");
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_ConfiguredOrigins_AllowsThoseOnlyAndVariesOnOrigin()
    {
        await using var app = KestrelApp.Start(("Cors:AllowedOrigins:0", "https://blog.example"), ("Cors:PreflightMaxAgeSeconds", "60"));
        using var client = app.CreateClient();
        using var listed = Preflight("/meta", "POST", "content-type", origin: "https://blog.example");
        using var other = Preflight("/meta", "POST", "content-type", origin: Reader);

        using var allowed = await client.SendAsync(listed);
        using var refused = await client.SendAsync(other);

        Assert.Equal("https://blog.example", Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Contains("Origin", Header(allowed, "Vary") ?? "", StringComparison.Ordinal);
        Assert.Equal("60", Header(allowed, "Access-Control-Max-Age"));
        Assert.Null(Header(refused, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task GetCard_ConfiguredOriginsAndNoOriginHeader_StillVariesOnOrigin()
    {
        await using var app = KestrelApp.Start(("Cors:AllowedOrigins:0", "https://blog.example"), ("Cors:AllowedOrigins:1", "https://docs.example"));
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/card?title=Shared%20cache", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Origin", Header(response, "Vary"));
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task GetCard_AnyOrigin_DoesNotVaryOnOrigin()
    {
        using var client = _app.CreateClient();

        using var response = await GetFromReaderAsync(client, "/card?title=One%20copy");

        // '*' is the same for every caller, so a CDN keeps one copy of the card.
        Assert.Null(Header(response, "Vary"));
    }

    [Theory]
    [InlineData("https://blog.example/path")]
    [InlineData("ftp://blog.example")]
    [InlineData("blog.example")]
    public void Start_OriginNotAnOrigin_FailsNamingTheSetting(string origin)
    {
        using var factory = new CardServiceFactory(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = origin });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Cors:AllowedOrigins", error.Message, StringComparison.Ordinal);
        Assert.Contains(origin, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_StarBesideOrigins_FailsNamingTheSetting()
    {
        using var factory = new CardServiceFactory(new Dictionary<string, string?>
        {
            ["Cors:AllowedOrigins:0"] = "*",
            ["Cors:AllowedOrigins:1"] = "https://blog.example",
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("'*' beside other origins", error.Message, StringComparison.Ordinal);
    }
}
