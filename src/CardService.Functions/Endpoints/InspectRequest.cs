using System.Collections.Frozen;
using CardService.Core.Fetching;
using CardService.Core.Inspection;
using CardService.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CardService.Functions.Endpoints;

/// <summary>The query string of <c>GET /meta</c> and <c>GET /validate</c>; every value arrives as text and is parsed with errors naming the field.</summary>
public sealed record InspectQuery
{
    /// <summary>The page's absolute http(s) URL.</summary>
    [FromQuery(Name = "url")] public string? Url { get; init; }

    /// <summary><c>false</c> to skip probing images; default <c>true</c>.</summary>
    [FromQuery(Name = "probe")] public string? Probe { get; init; }

    /// <summary>Fetch as <c>facebook</c>, <c>twitter</c>, <c>linkedin</c>, <c>slack</c> or <c>discord</c>; default the service's own user agent.</summary>
    [FromQuery(Name = "agent")] public string? Agent { get; init; }

    internal static readonly DocumentedFields Documented = new(new Dictionary<string, (Func<OpenApiSchema>, string)>(StringComparer.Ordinal)
    {
        ["url"] = (ApiSchemas.Url, "The page's absolute http(s) URL."),
        ["html"] = (() => ApiSchemas.Text(null), "The page's HTML: when given, the page itself is not fetched and url only resolves relative links."),
        ["probe"] = (ApiSchemas.Probe, "false to skip probing the preview images."),
        ["agent"] = (ApiSchemas.Agent, "Fetch as this crawler (x is another name for twitter); default the service's own user agent."),
    }, new HashSet<string> { "url" });

    /// <summary>Types and describes the query parameters of GET /meta and GET /validate; url is required.</summary>
    internal static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        Documented.DescribeParameters(operation);
        return Task.CompletedTask;
    }
}

/// <summary>The JSON body of <c>POST /meta</c> and <c>POST /validate</c>.</summary>
public sealed record InspectBody
{
    /// <summary>The page's absolute http(s) URL; with <see cref="Html"/> it only resolves relative links.</summary>
    public string? Url { get; init; }

    /// <summary>The page's HTML: when given, the page itself is not fetched.</summary>
    public string? Html { get; init; }

    /// <summary><c>false</c> to skip probing images; default <c>true</c>.</summary>
    public bool? Probe { get; init; }

    /// <summary>As the query's <c>agent</c>.</summary>
    public string? Agent { get; init; }
}

/// <summary>Turns a query or body into an <see cref="InspectionRequest"/>, runs it, and maps every failure to a problem.</summary>
internal static class InspectRequest
{
    private static readonly FrozenDictionary<string, CrawlerAgent> Agents = new Dictionary<string, CrawlerAgent>(StringComparer.OrdinalIgnoreCase)
    {
        ["default"] = CrawlerAgent.Default,
        ["facebook"] = CrawlerAgent.Facebook,
        ["twitter"] = CrawlerAgent.Twitter,
        ["x"] = CrawlerAgent.Twitter,
        ["linkedin"] = CrawlerAgent.LinkedIn,
        ["slack"] = CrawlerAgent.Slack,
        ["discord"] = CrawlerAgent.Discord,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The names <c>agent</c> takes, for the OpenAPI document.</summary>
    public static IEnumerable<string> AgentNames => Agents.Keys.Order(StringComparer.Ordinal);

    public static Task<InspectOutcome> RunAsync(InspectQuery query, PageInspector inspector, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var probe = ParseProbe(query.Probe, errors);
        return RunAsync(query.Url, null, probe, query.Agent, errors, inspector, cancellationToken);
    }

    public static async Task<InspectOutcome> RunAsync(HttpContext context, PageInspector inspector, int maxBodyBytes, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync<InspectBody>(context, maxBodyBytes, cancellationToken);
        if (body.Problem is { } problem)
        {
            return new InspectOutcome(null, problem);
        }

        var value = body.Value!;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        return await RunAsync(value.Url, value.Html, value.Probe ?? true, value.Agent, errors, inspector, cancellationToken);
    }

    /// <summary>Runs a body that arrived some other way than JSON (the preview page's form).</summary>
    public static Task<InspectOutcome> RunAsync(InspectBody body, PageInspector inspector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        return RunAsync(body.Url, body.Html, body.Probe ?? true, body.Agent, errors, inspector, cancellationToken);
    }

    private static async Task<InspectOutcome> RunAsync(
        string? url, string? html, bool probe, string? agentText, Dictionary<string, string[]> errors, PageInspector inspector, CancellationToken cancellationToken)
    {
        var pageUrl = ParseUrl(url, errors);
        var agent = ParseAgent(agentText, errors);
        if (errors.Count > 0 || pageUrl is null)
        {
            var urlGiven = !string.IsNullOrWhiteSpace(url);
            return new InspectOutcome(null, urlGiven && errors.ContainsKey("url")
                ? JsonBodyReader.Invalid(errors, "Invalid URL", ProblemTypes.InvalidUrl, "The url is not an absolute http or https URL; see errors.")
                : JsonBodyReader.Invalid(errors, "Bad request", ProblemTypes.BadRequest));
        }

        var result = await inspector.InspectAsync(new InspectionRequest(pageUrl, html, probe, agent), cancellationToken);
        return result.Inspection is { } inspection
            ? new InspectOutcome(inspection, null)
            : new InspectOutcome(null, FetchProblems.For(result.Failure!));
    }

    private static Uri? ParseUrl(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors["url"] = ["Give the page's absolute http or https URL."];
            return null;
        }

        if (WebUrl.TryParse(value, out var url))
        {
            return url;
        }

        errors["url"] = [WebUrl.Problem(value)!];
        return null;
    }

    private static bool ParseProbe(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (bool.TryParse(value, out var probe))
        {
            return probe;
        }

        errors["probe"] = [$"'{value}' is not true or false."];
        return true;
    }

    private static CrawlerAgent ParseAgent(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return CrawlerAgent.Default;
        }

        if (Agents.TryGetValue(value.Trim(), out var agent))
        {
            return agent;
        }

        errors["agent"] = [$"Unknown agent '{value}'. Known agents: facebook, twitter (or x), linkedin, slack, discord, default."];
        return CrawlerAgent.Default;
    }
}

/// <summary>An inspection, or the problem to answer instead.</summary>
internal sealed record InspectOutcome(PageInspection? Inspection, ProblemHttpResult? Problem);
