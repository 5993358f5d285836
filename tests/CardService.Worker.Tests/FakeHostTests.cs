using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CardService.Worker.Tests.Support;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Xunit.Abstractions;

namespace CardService.Worker.Tests;

/// <summary>
/// The published worker driven as the Azure Functions host drives it (<see cref="FakeFunctionsHost"/>): what it declares, and
/// what each function answers once the host forwards a request.
/// </summary>
public sealed class FakeHostTests(FakeFunctionsHost host, ITestOutputHelper output) : IClassFixture<FakeFunctionsHost>
{
    private static readonly string[] PublicFunctions = ["card", "docs", "healthz", "meta", "openapi", "preview", "rules", "validate"];

    [Fact]
    public void WorkerInit_ReportsItsHttpUriOnLoopback()
    {
        Assert.Equal("localhost", host.HttpUri.Host);
        Assert.True(host.HttpUri.Port > 0);
        Assert.Equal(bool.TrueString, host.WorkerCapabilities["RpcHttpBodyOnly"], ignoreCase: true);
    }

    [Fact]
    public void Metadata_ListsExactlyThePublicFunctions_AnonymousWithAnHttpReturn()
    {
        Assert.Equal(PublicFunctions, host.Functions.Select(f => f.Name));
        Assert.All(host.Functions, f =>
        {
            Assert.Equal("anonymous", f.AuthLevel);
            Assert.Equal(BindingInfo.Types.Direction.In, f.Metadata.Bindings[f.TriggerName].Direction);
            Assert.Equal("http", f.Metadata.Bindings["$return"].Type);
            Assert.Equal("CardService.Functions.dll", f.Metadata.ScriptFile);
        });
    }

    [Fact]
    public async Task Metadata_RoutesAndMethods_AreTheOpenApiDocumentsWithNoDrift()
    {
        using var document = await host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "openapi/v1.json"));
        var paths = JsonNode.Parse(await document.Http.Content.ReadAsStringAsync())!["paths"]!.AsObject();
        var documented = paths
            .Where(p => p.Key != "/") // the index: the Functions host serves its own page at the root
            .ToDictionary(p => p.Key.Trim('/'), p => p.Value!.AsObject().Select(o => o.Key.ToUpperInvariant()).Order(StringComparer.Ordinal).ToList());

        // Every documented operation is routed to a function, and that function takes exactly the documented methods (plus
        // OPTIONS, for browsers' CORS preflights).
        foreach (var (path, methods) in documented)
        {
            var function = Assert.Single(host.Functions, f => f.Route == path);
            Assert.Equal(methods, function.Methods.Where(m => m != "OPTIONS").Order(StringComparer.Ordinal));
        }

        // The functions not in the document serve the document itself, its reference page and the preview page for browsers.
        var undocumented = host.Functions.Where(f => !documented.ContainsKey(f.Route)).Select(f => $"{f.Name} {f.Route} {string.Join(',', f.Methods)}");
        Assert.Equal(["docs docs/{*path} GET", "openapi openapi/v1.json GET", "preview preview/{*path} GET,HEAD,POST"], undocumented);
    }

    [Fact]
    public async Task Card_Get_AnswersAPngWithAnETag()
    {
        using var card = await host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "card?title=Served%20by%20the%20isolated%20worker&category=Functions&theme=sunset"));

        Assert.Equal(StatusResult.Types.Status.Success, card.Response.Result.Status);
        Assert.Equal(HttpStatusCode.OK, card.Http.StatusCode);
        Assert.Equal("image/png", card.Http.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(card.Http.Headers.ETag);
        var png = await card.Http.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal((1200, 630), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "cardservice-worker-card.png"), png);
    }

    [Fact]
    public async Task Card_IfNoneMatchWithItsETag_Answers304()
    {
        using var first = await host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "card?title=Cached"));
        var again = new HttpRequestMessage(HttpMethod.Get, "card?title=Cached");
        again.Headers.IfNoneMatch.Add(first.Http.Headers.ETag!);

        using var second = await host.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.Http.StatusCode);
    }

    [Fact]
    public async Task Validate_PostedHtml_AnswersItsJsonReport()
    {
        const string Html = """
            <!doctype html><html lang="en"><head><title>A post about workers</title>
            <meta property="og:title" content="A post about workers"><meta name="twitter:card" content="summary_large_image">
            </head><body><p>Body</p></body></html>
            """;
        var request = new HttpRequestMessage(HttpMethod.Post, "validate") 
        {
            Content = JsonContent(new JsonObject { ["url"] = "https://blog.example/posts/workers", ["html"] = Html, ["probe"] = false }),
        };

        using var report = await host.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, report.Http.StatusCode);
        Assert.Equal("application/json", report.Http.Content.Headers.ContentType?.MediaType);
        var json = JsonNode.Parse(await report.Http.Content.ReadAsStringAsync())!;
        Assert.NotNull(json["score"]);
        Assert.Contains(json["findings"]!.AsArray(), f => ((string)f!["ruleId"]!).StartsWith("og-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET", "card", null, 400, "title")]
    [InlineData("GET", "card?title=x&theme=neon", null, 400, "theme")]
    [InlineData("POST", "validate", "{\"html\": ", 400, null)]
    [InlineData("POST", "meta", "{}", 400, null)]
    [InlineData("GET", "preview/nothing-here.js", null, 404, null)]
    public async Task BadInput_AnswersProblemJsonWithItsStatus(string method, string path, string? body, int status, string? detailMentions)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var answer = await host.SendAsync(request);

        Assert.Equal(status, (int)answer.Http.StatusCode);
        Assert.Equal("application/problem+json", answer.Http.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await answer.Http.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        if (detailMentions is not null)
        {
            Assert.Contains(detailMentions, problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Card_BrowserPreflight_IsAnsweredWithCorsHeaders()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "card");
        preflight.Headers.Add("Origin", "https://reader.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        using var answer = await host.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, answer.Http.StatusCode);
        Assert.True(answer.Http.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Theory]
    [InlineData("HEAD", "healthz", "application/json")]
    [InlineData("GET", "rules", "application/json")]
    [InlineData("GET", "docs", "text/html")]
    [InlineData("GET", "preview", "text/html")]
    public async Task EveryOtherFunction_Answers(string method, string path, string mediaType)
    {
        var answer = await host.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        if (answer.Http.Headers.Location is { } location)
        {
            // As a browser would: the redirect's target is a new request through the host (/docs → /docs/).
            answer.Dispose();
            answer = await host.SendAsync(new HttpRequestMessage(new HttpMethod(method), location.OriginalString));
        }

        using var answered = answer;
        Assert.Equal(HttpStatusCode.OK, answer.Http.StatusCode);
        Assert.Equal(mediaType, answer.Http.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", answer.Http.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task ConcurrentInvocations_AreEachPairedWithTheirOwnRequest()
    {
        var titles = Enumerable.Range(1, 12).Select(i => $"Card {i}").ToList();

        var answers = await Task.WhenAll(titles.Select(t => host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "card?title=" + Uri.EscapeDataString(t)))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Http.StatusCode));
        Assert.Equal(titles.Count, answers.Select(a => a.Http.Headers.ETag!.Tag).Distinct(StringComparer.Ordinal).Count());
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public void StartToFirstAnsweredInvocation_IsReported()
    {
        // A figure for docs/PERFORMANCE.md, not an assertion about time.
        output.WriteLine($"worker process start -> first answered invocation (GET /healthz): {host.StartToFirstAnswer.TotalMilliseconds:F0} ms");
        Assert.True(host.StartToFirstAnswer > TimeSpan.Zero);
    }

    private static StringContent JsonContent(JsonNode body) =>
        new(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
