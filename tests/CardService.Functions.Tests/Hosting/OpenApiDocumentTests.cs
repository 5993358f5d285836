using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CardService.Core.Cards;
using CardService.Core.Signing;
using CardService.Functions.Endpoints;
using CardService.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace CardService.Functions.Tests.Hosting;

/// <summary>The OpenAPI document against the app's endpoint table and the README's, and the reference page that shows it.</summary>
public sealed partial class OpenApiDocumentTests : IAsyncLifetime
{
    private KestrelApp _app = null!;
    private JsonDocument _document = null!;

    private JsonElement Paths => _document.RootElement.GetProperty("paths");

    public async Task InitializeAsync()
    {
        _app = KestrelApp.Start();
        using var client = _app.CreateClient();
        _document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
    }

    public async Task DisposeAsync()
    {
        _document.Dispose();
        await _app.DisposeAsync();
    }

    private HashSet<(string Path, string Method)> Documented() =>
        [.. Paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => (p.Name, o.Name.ToUpperInvariant())))];

    private JsonElement Operation(string path, string method) => Paths.GetProperty(path).GetProperty(method.ToLowerInvariant());

    [Fact]
    public void Document_EveryMappedEndpoint_AppearsWithItsMethodsAndNothingElse()
    {
        // The document and its reader are the only endpoints kept out of it (they are not part of the API they describe).
        var mapped = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => ("/" + e.RoutePattern.RawText!.Trim('/'), m)))
            .ToHashSet();

        Assert.Equal(mapped.Order().ToList(), Documented().Order().ToList());
    }

    [Fact]
    public void Document_Endpoints_AreTheReadmeTableLessTheDocumentAndItsReader()
    {
        var readme = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"))
            .Select(line => ReadmeEndpointRow().Match(line))
            .Where(m => m.Success)
            .SelectMany(m => m.Groups["methods"].Value.Split(", ").Select(method => (Path: m.Groups["path"].Value, Method: method)))
            .Where(e => e.Path is not ("/openapi/v1.json" or "/docs"))
            .Where(e => !e.Path.StartsWith("/preview", StringComparison.Ordinal)) // pages for people (HTML), not API operations
            .ToHashSet();

        Assert.Equal(readme.Order().ToList(), Documented().Order().ToList());
    }

    public static TheoryData<string, string, string> Statuses() => new()
    {
        { "/", "GET", "200" },
        { "/healthz", "GET", "200" },
        { "/healthz", "HEAD", "200" },
        { "/card", "GET", "200 304 400 403 413 422 429 502 503 504" },
        { "/card", "HEAD", "200 304 400 403 413 422 429 502 503 504" },
        { "/card", "POST", "200 400 403 413 415 422 429 502 503 504" },
        { "/meta", "GET", "200 400 403 413 429 502 503 504" },
        { "/meta", "POST", "200 400 403 413 415 429 502 503 504" },
        { "/validate", "GET", "200 400 403 413 429 502 503 504" },
        { "/validate", "POST", "200 400 403 413 415 429 502 503 504" },
        { "/rules", "GET", "200" },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Operation_Responses_AreEveryStatusTheEndpointAnswers(string path, string method, string statuses)
    {
        var documented = Operation(path, method).GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal);

        Assert.Equal(statuses.Split(' '), documented);
    }

    [Fact]
    public void Document_EveryProblemAnswer_UsesTheProblemSchemaWithItsExtensionMembers()
    {
        var problems = Paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .SelectMany(o => o.Value.GetProperty("responses").EnumerateObject())
            .Where(r => r.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _))
            .Select(r => r.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString())
            .ToList();
        var schema = _document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("Problem");

        Assert.NotEmpty(problems);
        Assert.All(problems, reference => Assert.Equal("#/components/schemas/Problem", reference));
        var members = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "type", "title", "status", "detail", "instance", "traceId", "errors", "failure", "url", "upstreamStatus", "field" }, members);
        Assert.Equal("integer", schema.GetProperty("properties").GetProperty("status").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public void CardQuery_Parameters_AreTyped(string method)
    {
        var parameters = Operation("/card", method).GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p);

        Assert.All(parameters.Values, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("description").GetString())));
        Assert.All(parameters.Values, p => Assert.False(p.TryGetProperty("required", out var required) && required.GetBoolean()));
        var width = parameters["width"].GetProperty("schema");
        Assert.Equal("integer", width.GetProperty("type").GetString());
        Assert.Equal(CardLimits.MinSide, width.GetProperty("minimum").GetInt32());
        Assert.Equal(CardLimits.MaxSide, width.GetProperty("maximum").GetInt32());
        Assert.Equal(CardThemes.Names.Order(), Enum(parameters["theme"].GetProperty("schema")).Order());
        Assert.Equal(CardTemplates.Names.Order(), Enum(parameters["template"].GetProperty("schema")).Order());
        Assert.Equal(["jpeg", "jpg", "png", "webp"], Enum(parameters["format"].GetProperty("schema")).Order());
        var presets = parameters["size"].GetProperty("schema").GetProperty("anyOf").EnumerateArray().First(s => s.TryGetProperty("enum", out _));
        Assert.Equal(CardLimits.Presets.Keys.Order(), Enum(presets).Order());
        Assert.Equal("uri", parameters["url"].GetProperty("schema").GetProperty("format").GetString());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public void CardQuery_Parameters_AreTheBoundFieldsAndTheSignature(string method)
    {
        // The handler reads the card's fields from the query (CardQuery.ToFields); the signature filter reads sig and exp.
        var parameters = Operation("/card", method).GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
        var fields = parameters.Keys.Except([CardUrlSigner.SignatureParameter, CardUrlSigner.ExpiryParameter]).ToList();

        // Each documented field is read (it changes the fields), and every field can be given by some documented name.
        var none = CardQuery.ToFields(new QueryCollection(), []);
        var properties = typeof(CardFields).GetProperties();
        var readInto = fields.ToDictionary(f => f, f =>
        {
            var errors = new Dictionary<string, string[]>();
            var read = CardQuery.ToFields(new QueryCollection(new Dictionary<string, StringValues> { [f] = "600" }), errors);
            Assert.Empty(errors);
            return properties.Where(p => !Equals(p.GetValue(read), p.GetValue(none))).Select(p => p.Name).ToList();
        });
        Assert.All(readInto, r => Assert.True(r.Value.Count == 1, $"'{r.Key}' sets {r.Value.Count} fields"));
        Assert.Equal(properties.Select(p => p.Name).Order(), readInto.Values.Select(v => v.Single()).Distinct().Order());
        Assert.Equal(fields.Count + 2, parameters.Count);
        Assert.Equal("query", parameters["sig"].GetProperty("in").GetString());
        Assert.Equal("string", parameters["sig"].GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("integer", parameters["exp"].GetProperty("schema").GetProperty("type").GetString());
        Assert.Contains("Signing:Required", parameters["sig"].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CardPost_Parameters_HaveNoSignature()
    {
        // A body cannot be signed, so POST /card takes no sig to document.
        var post = Operation("/card", "POST");

        Assert.False(post.TryGetProperty("parameters", out var parameters)
            && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() is "sig" or "exp"));
    }

    [Theory]
    [InlineData("/meta")]
    [InlineData("/validate")]
    public void InspectQuery_Parameters_AreTypedAndUrlIsRequired(string path)
    {
        var parameters = Operation(path, "GET").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p);

        Assert.True(parameters["url"].GetProperty("required").GetBoolean());
        Assert.Equal("boolean", parameters["probe"].GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal(["default", "discord", "facebook", "linkedin", "slack", "twitter", "x"], Enum(parameters["agent"].GetProperty("schema")).Order());
        var body = _document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("InspectBody");
        Assert.Equal(["url"], body.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("GET", "200")]
    [InlineData("GET", "304")]
    [InlineData("HEAD", "200")]
    [InlineData("HEAD", "304")]
    [InlineData("POST", "200")]
    public void CardResponses_DescribeTheirHeaders(string method, string status)
    {
        var headers = Operation("/card", method).GetProperty("responses").GetProperty(status).GetProperty("headers")
            .EnumerateObject().Select(h => h.Name).ToHashSet();

        Assert.Contains("ETag", headers);
        Assert.Contains("Cache-Control", headers);
        Assert.Superset(CardEndpoints.SourceHeaders.ToHashSet(), headers);
        Assert.Equal(status == "200", headers.Contains(CardEndpoints.MissingGlyphsHeader));
    }

    [Fact]
    public void Document_Descriptions_HoldNoSourceCodeText()
    {
        var texts = new List<(string Where, string Text)>();
        Collect(_document.RootElement, "", texts);

        Assert.NotEmpty(texts);
        // Markup inside `code spans` is fine: it is what a page holds. Outside them it is a doc comment leaking through.
        var leaks = texts.Where(t => SourceCodeText().IsMatch(CodeSpan().Replace(t.Text, ""))).Select(t => $"{t.Where}: {t.Text}").ToList();
        Assert.True(leaks.Count == 0, "Descriptions with C# or XML doc text:\n" + string.Join('\n', leaks));
    }

    [Fact]
    public async Task ReferencePage_IsServedWithItsScriptsFromThisApp()
    {
        using var client = _app.CreateClient();

        var page = await client.GetStringAsync(new Uri("/docs/", UriKind.Relative));
        using var script = await client.GetAsync(new Uri("/docs/scalar.js", UriKind.Relative));

        Assert.Contains("<div id=\"app\">", page, StringComparison.Ordinal);
        // Every script is relative (served by this app, no CDN) and the fonts are the browser's own.
        var sources = ScriptSource().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, src => Assert.DoesNotContain("//", src, StringComparison.Ordinal));
        Assert.Contains("\"withDefaultFonts\":false", page, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    private static IEnumerable<string> Enum(JsonElement schema) => schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!);

    private static void Collect(JsonElement element, string where, List<(string, string)> texts)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is "description" or "summary" && property.Value.ValueKind == JsonValueKind.String)
                {
                    texts.Add((where, property.Value.GetString()!));
                }
                else
                {
                    Collect(property.Value, where + "/" + property.Name, texts);
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, where + "/" + i++, texts);
            }
        }
    }

    [GeneratedRegex(@"^\| (?<methods>[A-Z]+(, [A-Z]+)*) \| `(?<path>/[^`?]*)")]
    private static partial Regex ReadmeEndpointRow();

    [GeneratedRegex(@"&[a-z]+;|<|\bcref\b|ImmutableArray|IReadOnly|\b[TPM]:[A-Z]|\bSystem\.[A-Z]")]
    private static partial Regex SourceCodeText();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
