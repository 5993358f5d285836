using System.Net;
using System.Text;
using System.Text.Json;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Hardening;

/// <summary>
/// The bad-input battery: every endpoint (GET, HEAD and POST /card, /meta, /validate, /rules, /healthz) given what a stranger
/// or an attacker would send. Each answer must be the problem the README's error table names, with a <c>detail</c> sentence,
/// <c>X-Content-Type-Options: nosniff</c>, and nothing leaked: no stack trace, no exception type, no file path.
/// Upstream failures come from a real page server on 127.0.0.2; every DNS lookup answers "no such host".
/// </summary>
public sealed class BadInputBatteryTests(PageServerFixture pages) : IClassFixture<PageServerFixture>
{
    /// <summary>Hosts <see cref="Uri"/> parses but IDNA refuses, and their percent-encoded spelling.</summary>
    public static readonly string[] HostileUrls =
    [
        "http://exa\uFFFDmple.com/",
        "https://a\u200Db.example/post",
        "http://\u2488.example/x.png",
        "https://b\u00FCcher\u200D.example/",
        "http://exa%EF%BF%BDmple.com/",
    ];

    /// <summary>127.0.0.1 and 10.0.0.1 written as a URL reader would not recognise them.</summary>
    public static readonly string[] LooseNumericUrls = ["http://0x7f.1/", "http://2130706433/", "http://017700000001/", "http://127.1/", "http://10.1/"];

    // Text a leak would contain: stack frames, exception types, our namespaces, source or install paths.
    private static readonly string[] Leaks = ["   at ", "Exception", "System.", "CardService.", ".cs:", "/work/", "/root/", "/home/", "/usr/"];

    private static readonly string Emoji301 = string.Concat(Enumerable.Repeat("\U0001F600", 301));

    /// <summary>(method, target, JSON body or "text:…" for a non-JSON body, status, problem type).</summary>
    public static TheoryData<string, string, string?, int, string> Cases { get; } = Build();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Endpoint_BadInput_AnswersTheDocumentedProblem(string method, string target, string? body, int status, string type)
    {
        using var sut = pages.App.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), target.Replace("{server}", pages.Url("/").AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal));
        if (body is not null)
        {
            request.Content = body.StartsWith("text:", StringComparison.Ordinal)
                ? new StringContent(body[5..], Encoding.UTF8, "text/plain")
                : new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await sut.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{method} {target}: expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        if (method == "HEAD" && text.Length == 0)
        {
            // Kestrel drops a HEAD answer's body; the in-memory server keeps it, and then it is checked like any other.
            return;
        }

        Assert.All(Leaks, leak => Assert.DoesNotContain(leak, text, StringComparison.Ordinal));
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement;
        Assert.Equal("https://cardservice.dev/problems/" + type, problem.GetProperty("type").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.Matches(@"\w.*\w", problem.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/rules")]
    [InlineData("/card?title=nosniff")]
    public async Task Endpoint_GoodRequest_AlsoCarriesNoSniff(string target)
    {
        using var sut = pages.App.CreateClient();

        using var response = await sut.GetAsync(new Uri(target, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/meta")]
    [InlineData("/validate")]
    public async Task Inspect_NumericHostNotDottedDecimal_NamesTheUrlFieldAndTheHost(string path)
    {
        using var sut = pages.App.CreateClient();

        using var response = await sut.GetAsync(new Uri($"{path}?url={Q("http://0x7f.1/post")}", UriKind.Relative));

        var problem = await ProblemAssert.IsFieldErrorAsync(response, "invalid-url", "url");
        Assert.Contains("'0x7f.1'", problem.GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cases_CoverEveryEndpointAndMethod_AtLeastAHundred()
    {
        var rows = Cases.Select(row => ((string)row[0], ((string)row[1]).Split('?')[0])).ToHashSet();

        Assert.True(Cases.Count >= 100, $"only {Cases.Count} cases");
        Assert.Subset(rows, new HashSet<(string, string)>
        {
            ("GET", "/card"), ("HEAD", "/card"), ("POST", "/card"), ("GET", "/meta"), ("POST", "/meta"),
            ("GET", "/validate"), ("POST", "/validate"), ("POST", "/rules"), ("POST", "/healthz"),
        });
    }

    private static string Q(string value) => Uri.EscapeDataString(value);

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static TheoryData<string, string, string?, int, string> Build()
    {
        var data = new TheoryData<string, string, string?, int, string>();

        // Defect 1: hosts IDNA refuses, in every field that takes a URL, on every method.
        foreach (var url in HostileUrls)
        {
            foreach (var field in new[] { "url", "logo", "background" })
            {
                data.Add("GET", $"/card?title=x&{field}={Q(url)}", null, 400, "invalid-card");
                data.Add("HEAD", $"/card?title=x&{field}={Q(url)}", null, 400, "invalid-card");
                data.Add("POST", "/card", Json(new Dictionary<string, string> { ["title"] = "x", [field] = url }), 400, "invalid-card");
            }

            foreach (var path in new[] { "/meta", "/validate" })
            {
                data.Add("GET", $"{path}?url={Q(url)}", null, 400, "invalid-url");
                data.Add("POST", path, Json(new { url }), 400, "invalid-url");
                data.Add("POST", path, Json(new { url, html = "<title>x</title>" }), 400, "invalid-url");
            }
        }

        // Numeric hosts not written a.b.c.d. Each is a blocked address as .NET reads it, so without the check the answer would
        // be 403 blocked-address: nothing is ever fetched, whichever way the test goes.
        foreach (var url in LooseNumericUrls)
        {
            data.Add("GET", $"/meta?url={Q(url)}", null, 400, "invalid-url");
            data.Add("POST", "/validate", Json(new { url }), 400, "invalid-url");
            data.Add("GET", $"/card?url={Q(url)}", null, 400, "invalid-card");
            data.Add("POST", "/card", Json(new { title = "x", logo = url + "logo.png" }), 400, "invalid-card");
        }

        // /card: fields.
        data.Add("GET", "/card", null, 400, "invalid-card");
        data.Add("HEAD", "/card", null, 400, "invalid-card");
        data.Add("GET", "/card?title=x&theme=neon", null, 400, "invalid-card");
        data.Add("GET", "/card?title=x&accent=zzz", null, 400, "invalid-card");
        data.Add("GET", "/card?title=x&width=abc", null, 400, "invalid-card");
        data.Add("GET", "/card?title=x&width=10", null, 400, "invalid-card");
        data.Add("GET", "/card?title=x&height=99999999999", null, 400, "invalid-card");
        data.Add("GET", "/card?title=x&size=5x5", null, 400, "invalid-card");
        data.Add("GET", "/card?title=x&size=1200x630&width=800", null, 400, "invalid-card");
        data.Add("GET", "/card?title=x&format=gif", null, 400, "invalid-card");
        data.Add("GET", $"/card?title={Q(Emoji301)}", null, 400, "invalid-card");
        data.Add("GET", $"/card?title=x&category={Q(new string('c', 301))}", null, 400, "invalid-card");
        data.Add("GET", $"/card?title=x&author={Q(new string('\u0301', 5000))}", null, 400, "invalid-card");
        data.Add("GET", $"/card?title=x&logo={Q("javascript:alert(1)")}", null, 400, "invalid-card");
        data.Add("GET", $"/card?title=x&logo={Q("data:image/png;base64,!!!!")}", null, 400, "invalid-card");
        data.Add("GET", $"/card?title=x&logo={Q("data:image/png;base64,iVBORw0KGgo=")}", null, 400, "invalid-card");
        data.Add("GET", "/card?title=x&logo=auto", null, 400, "invalid-card");
        data.Add("GET", "/card?title=x&background=auto", null, 400, "invalid-card");
        data.Add("GET", $"/card?url={Q("ftp://files.example/post")}", null, 400, "invalid-card");
        data.Add("GET", $"/card?url={Q("/relative/post")}", null, 400, "invalid-card");
        data.Add("GET", $"/card?title=x&logo={Q("http://blog.example/" + new string('a', 3000))}", null, 400, "invalid-card");

        // /card: what the fetcher refuses or cannot get.
        data.Add("GET", $"/card?url={Q("http://127.0.0.1/")}", null, 403, "blocked-address");
        data.Add("GET", $"/card?url={Q("http://localhost/post")}", null, 403, "blocked-address");
        data.Add("GET", $"/card?url={Q("http://169.254.169.254/latest/meta-data/")}", null, 403, "blocked-address");
        data.Add("GET", $"/card?url={Q("http://[::1]/")}", null, 403, "blocked-address");
        data.Add("GET", $"/card?title=x&logo={Q("http://10.0.0.1/logo.png")}", null, 403, "blocked-address");
        data.Add("GET", $"/card?url={Q("http://user:secret@blog.example/")}", null, 400, "invalid-url");
        data.Add("GET", $"/card?url={Q("http://blog.example/post")}", null, 502, "dns-failure");
        data.Add("HEAD", $"/card?url={Q("http://blog.example/post")}", null, 502, "dns-failure");
        data.Add("GET", $"/card?title=x&background={Q("https://images.example/bg.png")}", null, 502, "dns-failure");
        data.Add("GET", "/card?url={server}/page/battery-404?status=404", null, 502, "upstream-status");
        data.Add("GET", "/card?title=x&logo={server}/no-such-image.png", null, 502, "upstream-status");
        data.Add("GET", "/card?url={server}/redirect/battery/9", null, 502, "too-many-redirects");
        data.Add("GET", "/card?url={server}/to-loopback", null, 403, "blocked-address");
        data.Add("GET", "/card?title=x&logo={server}/robots.txt", null, 422, "unusable-image");

        // POST /card: bodies.
        data.Add("POST", "/card", "{\"title\":\"x\"", 400, "malformed-json");
        data.Add("POST", "/card", "[]", 400, "malformed-json");
        data.Add("POST", "/card", "null", 400, "malformed-json");
        data.Add("POST", "/card", string.Empty, 400, "malformed-json");
        data.Add("POST", "/card", "{\"title\":\"x\",\"width\":\"wide\"}", 400, "malformed-json");
        data.Add("POST", "/card", "{\"title\":{\"nested\":1}}", 400, "malformed-json");
        data.Add("POST", "/card", "{\"title\":\"\\uD800\"}", 400, "malformed-json");
        data.Add("POST", "/card", Json(new { title = Emoji301 }), 400, "invalid-card");
        data.Add("POST", "/card", Json(new { title = "x", width = 0 }), 400, "invalid-card");
        data.Add("POST", "/card", Json(new { title = "x", logo = "file:///etc/passwd" }), 400, "invalid-card");
        data.Add("POST", "/card", "text:title=x", 415, "unsupported-media-type");
        data.Add("POST", "/card", Json(new { title = new string('x', 3 * 1024 * 1024) }), 413, "payload-too-large");
        data.Add("POST", "/card", Json(new { url = "http://127.0.0.1:1/" }), 403, "blocked-address");
        data.Add("POST", "/card", Json(new { url = "http://blog.example/" }), 502, "dns-failure");

        // /meta and /validate: query and bodies.
        foreach (var path in new[] { "/meta", "/validate" })
        {
            data.Add("GET", path, null, 400, "bad-request");
            data.Add("GET", $"{path}?url={Q("https://blog.example/")}&agent=robot", null, 400, "bad-request");
            data.Add("GET", $"{path}?url={Q("https://blog.example/")}&probe=maybe", null, 400, "bad-request");
            data.Add("GET", $"{path}?url={Q("/relative")}", null, 400, "invalid-url");
            data.Add("GET", $"{path}?url={Q("javascript:alert(1)")}", null, 400, "invalid-url");
            data.Add("GET", $"{path}?url={Q("http://127.0.0.1/")}", null, 403, "blocked-address");
            data.Add("GET", $"{path}?url={Q("http://metadata.google.internal/")}", null, 403, "blocked-address");
            data.Add("GET", $"{path}?url={Q("http://blog.example/")}", null, 502, "dns-failure");
            data.Add("GET", $"{path}?url={{server}}/redirect/battery/9", null, 502, "too-many-redirects");
            data.Add("POST", path, Json(new { html = "<title>x</title>" }), 400, "bad-request");
            data.Add("POST", path, "{\"url\":5}", 400, "malformed-json");
            data.Add("POST", path, "{", 400, "malformed-json");
            data.Add("POST", path, "text:<html></html>", 415, "unsupported-media-type");
            data.Add("POST", path, Json(new { url = "https://blog.example/", agent = "robot" }), 400, "bad-request");
        }

        // Paths and methods.
        data.Add("POST", "/rules", null, 405, "method-not-allowed");
        data.Add("POST", "/healthz", null, 405, "method-not-allowed");
        data.Add("PUT", "/card", null, 405, "method-not-allowed");
        data.Add("DELETE", "/meta", null, 405, "method-not-allowed");
        data.Add("GET", "/nothing-here", null, 404, "not-found");
        data.Add("GET", "/card%FF%FE", null, 404, "not-found");
        data.Add("GET", "/%C0%AF..%C0%AF..%C0%AFetc/passwd", null, 404, "not-found");
        return data;
    }
}
