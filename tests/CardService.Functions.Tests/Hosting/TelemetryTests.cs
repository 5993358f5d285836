using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CardService.Core.Telemetry;
using CardService.Functions.Hosting;
using CardService.Functions.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CardService.Functions.Tests.Hosting;

/// <summary>Alone, because CardService's meter is process-wide: no other test's renders or fetches land in these counts.</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryRunsAlone;

/// <summary>
/// The app's own OpenTelemetry setup, with in-memory exporters added, behind a real Kestrel socket: the spans and metrics a
/// card, a cached card and a <c>/validate</c> of a page on 127.0.0.2 produce; and the JSON request log of the built app.
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests(PageServerFixture pages) : IClassFixture<PageServerFixture>, IAsyncLifetime
{
    private readonly LockedCollection<Activity> _spans = [];
    private readonly LockedCollection<MetricSnapshot> _metrics = [];
    private WebApplicationFactory<Program> _app = null!;

    public Task InitializeAsync()
    {
        _app = PageServerFixture.CreateApp(new Dictionary<string, string?> { ["Telemetry:Enabled"] = "true" }).WithWebHostBuilder(b => b.ConfigureServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans));
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_metrics));
        }));
        _app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task GetCard_NewCard_TracesACacheMissAndTheRenderUnderTheRequest()
    {
        using var client = _app.CreateClient();
        var rendersBefore = RenderCount();
        var missesBefore = CacheLookups("miss");

        using var response = await client.GetAsync("/card?title=" + PageServerFixture.NewId());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var server = await ServerSpanAsync("/card");
        var lookup = Assert.Single(SpansOf(server, "card cache get"));
        Assert.Equal("miss", lookup.GetTagItem(CardServiceTelemetry.Tags.CacheResult));
        Assert.Equal("memory", lookup.GetTagItem(CardServiceTelemetry.Tags.CacheTier));
        var render = Assert.Single(SpansOf(server, "render card"));
        Assert.Equal("Png", render.GetTagItem(CardServiceTelemetry.Tags.CardFormat));
        Assert.Equal(rendersBefore + 1, RenderCount());
        Assert.Equal(missesBefore + 1, CacheLookups("miss"));
    }

    [Fact]
    public async Task GetCard_SameCardTwice_SecondIsAMemoryHitWithoutARender()
    {
        using var client = _app.CreateClient();
        var url = "/card?title=" + PageServerFixture.NewId();
        (await client.GetAsync(url)).Dispose();
        await ServerSpanAsync("/card");
        lock (_spans)
        {
            _spans.Clear();
        }

        var rendersBefore = RenderCount();
        var hitsBefore = CacheLookups("hit");

        using var again = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var server = await ServerSpanAsync("/card");
        var lookup = Assert.Single(SpansOf(server, "card cache get"));
        Assert.Equal("hit", lookup.GetTagItem(CardServiceTelemetry.Tags.CacheResult));
        Assert.Empty(SpansOf(server, "render card"));
        Assert.Equal(hitsBefore + 1, CacheLookups("hit"));
        Assert.Equal(rendersBefore, RenderCount());
    }

    [Fact]
    public async Task GetCard_SameQueryTwice_OneLookupPerTierAndNoRender()
    {
        using var client = _app.CreateClient();
        var url = "/card?title=" + PageServerFixture.NewId();
        var queryMissesBefore = CacheLookups("miss", "query");
        var memoryMissesBefore = CacheLookups("miss");
        (await client.GetAsync(url)).Dispose();
        var queryHitsBefore = CacheLookups("hit", "query");
        var memoryHitsBefore = CacheLookups("hit");
        var rendersBefore = RenderCount();

        using var again = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(queryMissesBefore + 1, CacheLookups("miss", "query"));
        Assert.Equal(memoryMissesBefore + 1, CacheLookups("miss"));
        Assert.Equal(queryHitsBefore + 1, CacheLookups("hit", "query"));
        Assert.Equal(memoryHitsBefore + 1, CacheLookups("hit"));
        Assert.Equal(rendersBefore, RenderCount());
    }

    [Fact]
    public async Task GetValidate_LocalPage_TracesFetchReadProbeAndValidateAndCountsOkFetches()
    {
        using var client = _app.CreateClient();
        var page = pages.Url("/page/" + PageServerFixture.NewId());
        var pagesBefore = Fetches("page", "ok");
        var probesBefore = Fetches("image-probe", "ok");

        using var response = await client.GetAsync("/validate?url=" + Uri.EscapeDataString(page.AbsoluteUri));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var server = await ServerSpanAsync("/validate");
        var inspect = Assert.Single(SpansOf(server, "inspect page"));
        var fetch = Assert.Single(SpansOf(inspect, "fetch page"));
        Assert.Equal(page.AbsoluteUri, fetch.GetTagItem(CardServiceTelemetry.Tags.Url));
        Assert.Equal("ok", fetch.GetTagItem(CardServiceTelemetry.Tags.FetchOutcome));
        Assert.Equal(200, fetch.GetTagItem(CardServiceTelemetry.Tags.HttpStatus));
        Assert.Single(SpansOf(inspect, "read page"));
        Assert.NotEmpty(SpansOf(inspect, "fetch image-probe"));
        var validate = Assert.Single(SpansOf(inspect, "validate page"));
        Assert.IsType<int>(validate.GetTagItem(CardServiceTelemetry.Tags.FindingCount));
        // The fetcher's own HTTP client span sits under "fetch page": the trace reaches the socket.
        Assert.Contains(SpansOf(fetch, null), s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http");
        Assert.Equal(pagesBefore + 1, Fetches("page", "ok"));
        Assert.True(Fetches("image-probe", "ok") > probesBefore, "the page's og:image was probed");
    }

    [Fact]
    public async Task GetValidate_AddressNotAllowed_CountsTheFailureKindAndMarksTheSpan()
    {
        using var client = _app.CreateClient();
        var blockedBefore = Fetches("page", "BlockedAddress");

        using var response = await client.GetAsync("/validate?url=" + Uri.EscapeDataString("http://127.0.0.3/" + PageServerFixture.NewId()));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "blocked-address");
        var server = await ServerSpanAsync("/validate");
        var fetch = Assert.Single(SpansOf(server, "fetch page"));
        Assert.Equal("BlockedAddress", fetch.GetTagItem(CardServiceTelemetry.Tags.FetchOutcome));
        Assert.Equal(ActivityStatusCode.Error, fetch.Status);
        Assert.Equal(blockedBefore + 1, Fetches("page", "BlockedAddress"));
    }

    [Fact]
    public async Task Requests_BuiltAppWithRedirectedOutput_LogOneJsonLinePerRequestWithTierAndInvocation()
    {
        await using var app = await AppProcess.StartAsync(AppProcess.BuiltAppDll, "127.0.0.1", new Dictionary<string, string>
        {
            ["Logging:LogLevel:" + "CardService.Requests"] = "Information",
        });
        var url = "/card?title=" + PageServerFixture.NewId();
        (await app.Client.GetAsync(url)).Dispose();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("x-azure-functions-invocationid", "3f0e6c1a-invocation");
        (await app.Client.SendAsync(request)).Dispose();

        var lines = await RequestLinesAsync(app, expected: 2, route: "/card");

        Assert.All(lines, l => Assert.Equal("GET", l.GetProperty("Method").GetString()));
        Assert.All(lines, l => Assert.Equal(200, l.GetProperty("Status").GetInt32()));
        Assert.All(lines, l => Assert.True(l.GetProperty("DurationMs").GetDouble() > 0));
        Assert.Equal("rendered", lines[0].GetProperty("CacheTier").GetString());
        Assert.Equal("memory", lines[1].GetProperty("CacheTier").GetString());
        Assert.Equal("3f0e6c1a-invocation", lines[1].GetProperty("InvocationId").GetString());
    }

    [Fact]
    public async Task Requests_ManyFromSeveralClients_ExactlyOneLineEach()
    {
        await using var app = await AppProcess.StartAsync(AppProcess.BuiltAppDll, "127.0.0.1", new Dictionary<string, string>
        {
            ["Logging:LogLevel:" + "CardService.Requests"] = "Information",
        });
        var url = "/card?title=" + PageServerFixture.NewId();
        (await app.Client.GetAsync(url)).Dispose();

        // 8 clients at once, 25 requests each: lines are queued from several threads and written in batches.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = 0; i < 25; i++)
            {
                (await app.Client.GetAsync(url)).Dispose();
            }
        }));
        var lines = await RequestLinesAsync(app, expected: 201, route: "/card");

        Assert.Equal(200, lines.Count(l => l.GetProperty("CacheTier").GetString() == "memory"));
        Assert.All(lines, l => Assert.Equal(JsonValueKind.Null, l.GetProperty("InvocationId").ValueKind));
    }

    [Fact]
    public async Task Failure_BuiltApp_LoggedOnceUnderTheTraceIdItsProblemCarries()
    {
        // The folder exists (so start-up validation passes) but holds no fonts: the renderer fails on first use.
        var empty = Directory.CreateTempSubdirectory("cardservice-nofonts-");
        try
        {
            await using var app = await AppProcess.StartAsync(AppProcess.BuiltAppDll, "127.0.0.1", new Dictionary<string, string>
            {
                ["Fonts:Directory"] = empty.FullName,
            });

            using var response = await app.Client.GetAsync("/card?title=" + PageServerFixture.NewId());
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, "internal-error");
            var traceId = problem.GetProperty("traceId").GetString()!;

            var failure = (await LogLinesAsync(app, HostingExtensions.FailureCategory, expected: 1, _ => true)).Single();
            Assert.Equal("Error", failure.GetProperty("LogLevel").GetString());
            Assert.Equal(traceId, failure.GetProperty("State").GetProperty("TraceId").GetString());
            Assert.Contains(traceId, failure.GetProperty("Message").GetString(), StringComparison.Ordinal);
            Assert.Contains("Exception", failure.GetProperty("Exception").GetString(), StringComparison.Ordinal);
            // The exception handler's own line (the same failure, without the id) is not written.
            Assert.DoesNotContain("\"Category\":\"Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware\"", app.Output, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("Telemetry:Enabled", "true", true)]
    [InlineData("Telemetry:OtlpEndpoint", "http://127.0.0.1:4317", true)]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317", true)]
    public async Task AddCardServiceTelemetry_Settings_CollectOnlyWithAnExporterOrWhenAsked(string? key, string? value, bool collects)
    {
        var settings = new Dictionary<string, string?>();
        if (key is not null)
        {
            settings[key] = value;
        }

        await using var sut = PageServerFixture.CreateApp(settings);

        Assert.Equal(collects, sut.Services.GetService<TracerProvider>() is not null);
        Assert.Equal(collects, sut.Services.GetService<MeterProvider>() is not null);
    }

    // The request lines of the app's stdout for one route: each a whole JSON object (the log is written after the answer).
    private static async Task<List<JsonElement>> RequestLinesAsync(AppProcess app, int expected, string route) =>
        [.. (await LogLinesAsync(app, RequestLog.Category, expected, l => WholeLine(l).GetProperty("State").GetProperty("Route").GetString() == route))
            .Select(l => l.GetProperty("State"))];

    // The JSON lines of the app's stdout in a log category that are wanted, once there are as many as expected (exactly).
    private static async Task<List<JsonElement>> LogLinesAsync(AppProcess app, string category, int expected, Func<JsonElement, bool> wanted)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var lines = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.Contains($"\"Category\":\"{category}\"", StringComparison.Ordinal))
                .Select(l => JsonDocument.Parse(l).RootElement.Clone())
                .Where(wanted)
                .ToList();
            if (lines.Count >= expected || guard.IsCancellationRequested)
            {
                Assert.True(lines.Count == expected, $"expected {expected} {category} lines:\n{app.Output}");
                return lines;
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    // Every line has the console formatter's fields; a line cut or merged with another would not parse or would miss them.
    private static JsonElement WholeLine(JsonElement line)
    {
        Assert.Equal(1, line.GetProperty("EventId").GetInt32());
        Assert.Equal("Information", line.GetProperty("LogLevel").GetString());
        Assert.Equal("CardService.Requests", line.GetProperty("Category").GetString());
        Assert.Contains(" answered ", line.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(line.GetProperty("Timestamp").GetString(), CultureInfo.InvariantCulture, out _));
        return line;
    }

    // The server span ends after the answer is sent, so it may be exported just after the client has read it.
    private async Task<Activity> ServerSpanAsync(string route)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Activity? server;
            lock (_spans)
            {
                server = _spans.LastOrDefault(s => s.Kind == ActivityKind.Server && s.DisplayName == "GET " + route);
            }

            if (server is not null)
            {
                return server;
            }

            Assert.False(guard.IsCancellationRequested, $"no server span for GET {route}");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    // Every exported span below parent (children, grandchildren, …), optionally only those named name.
    private List<Activity> SpansOf(Activity parent, string? name)
    {
        lock (_spans)
        {
            var below = new List<Activity>();
            var frontier = new Queue<ActivitySpanId>([parent.SpanId]);
            while (frontier.TryDequeue(out var id))
            {
                foreach (var child in _spans.Where(s => s.TraceId == parent.TraceId && s.ParentSpanId == id))
                {
                    below.Add(child);
                    frontier.Enqueue(child.SpanId);
                }
            }

            return [.. below.Where(s => name is null || s.DisplayName == name)];
        }
    }

    private long RenderCount() => Points("cardservice.render.duration").Sum(p => p.GetHistogramCount());

    private long CacheLookups(string result, string tier = "memory") => Points(result == "hit" ? "cardservice.cache.hits" : "cardservice.cache.misses")
        .Where(p => Tag(p, CardServiceTelemetry.Tags.CacheTier) == tier)
        .Sum(p => p.GetSumLong());

    private long Fetches(string purpose, string outcome) => Points("cardservice.fetch.outcomes")
        .Where(p => Tag(p, CardServiceTelemetry.Tags.FetchPurpose) == purpose && Tag(p, CardServiceTelemetry.Tags.FetchOutcome) == outcome)
        .Sum(p => p.GetSumLong());

    // The cumulative points of one metric as of now (an instrument not yet used has none).
    private List<MetricPoint> Points(string metric)
    {
        lock (_metrics)
        {
            _metrics.Clear();
        }

        _app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        lock (_metrics)
        {
            return _metrics.LastOrDefault(m => m.Name == metric)?.MetricPoints.ToList() ?? [];
        }
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}

/// <summary>The exporters add from their own threads; readers lock the collection itself.</summary>
internal sealed class LockedCollection<T> : Collection<T>
{
    protected override void InsertItem(int index, T item)
    {
        lock (this)
        {
            base.InsertItem(index, item);
        }
    }

    protected override void ClearItems()
    {
        lock (this)
        {
            base.ClearItems();
        }
    }
}
