using System.Text.Json.Nodes;
using CardService.Core.Cards;
using CardService.Core.Fetching;
using CardService.Functions.Endpoints;
using Microsoft.OpenApi;

namespace CardService.Functions.Hosting;

/// <summary>
/// What the OpenAPI document says a field holds. Query strings arrive as text and are parsed by the endpoints (so an
/// error can name the field), which leaves the generated schemas saying "string"; these say the real types, from the
/// same constants the parsers use. One schema per field, shared by query parameters and JSON bodies.
/// </summary>
internal static class ApiSchemas
{
    /// <summary>Text, at most <paramref name="maxLength"/> characters when given.</summary>
    public static OpenApiSchema Text(int? maxLength = CardLimits.MaxTextFieldLength) =>
        new() { Type = JsonSchemaType.String, MaxLength = maxLength };

    public static OpenApiSchema Url() => new() { Type = JsonSchemaType.String, Format = "uri" };

    public static OpenApiSchema Theme() => OneOf(CardThemes.Names, CardThemes.DefaultName);

    public static OpenApiSchema Template() => OneOf(CardTemplates.Names, CardTemplates.DefaultName);

    // "jpg" is accepted as another name for jpeg.
    public static OpenApiSchema Format() =>
        OneOf([.. System.Enum.GetNames<CardFormat>().Select(n => n.ToLowerInvariant()), "jpg"], nameof(CardFormat.Png).ToLowerInvariant());

    /// <summary>A preset, or any WIDTHxHEIGHT.</summary>
    public static OpenApiSchema Size() => new()
    {
        AnyOf =
        [
            OneOf(CardLimits.Presets.Keys, null),
            new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]{1,5}x[0-9]{1,5}$" },
        ],
    };

    public static OpenApiSchema Side() => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = CardLimits.MinSide.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = CardLimits.MaxSide.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static OpenApiSchema Accent() => new() { Type = JsonSchemaType.String, Pattern = "^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$" };

    public static OpenApiSchema Agent() => OneOf(InspectRequest.AgentNames, "default");

    public static OpenApiSchema Probe() => new() { Type = JsonSchemaType.Boolean, Default = JsonValue.Create(true) };

    /// <summary>The one error shape, with every extension member an answer may carry.</summary>
    public static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. Every error answer has this shape, as application/problem+json.",
        Required = new HashSet<string> { "type", "title", "status", "traceId" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Described(Url(), "What went wrong, as a stable identifier under " + ProblemTypes.Base + " (invalid-card, invalid-url, blocked-address, dns-failure, upstream-timeout, …)."),
            ["title"] = Described(Text(null), "A short, specific summary of the problem type."),
            ["status"] = Described(new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" }, "The HTTP status."),
            ["detail"] = Described(Text(null), "A sentence about this occurrence that says what to change."),
            ["instance"] = Described(Text(null), "The path that was asked for."),
            ["traceId"] = Described(Text(null), "Quote it when reporting a problem; the server's log has the same id."),
            ["errors"] = Described(
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text(null) },
                },
                "400 only: for each field that is wrong (or body), what is wrong with it."),
            ["failure"] = Described(OneOf(System.Enum.GetNames<FetchFailureKind>(), null), "Fetch problems only: how the fetch failed."),
            ["url"] = Described(Url(), "Fetch problems only: the URL that failed (after redirects)."),
            ["upstreamStatus"] = Described(new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" }, "upstream-status only: the status the upstream answered."),
            ["field"] = Described(Text(null), "/card only: the field whose fetch or image failed (url, logo or background)."),
        },
    };

    public static OpenApiSchema Described(OpenApiSchema schema, string description)
    {
        schema.Description = description;
        return schema;
    }

    private static OpenApiSchema OneOf(IEnumerable<string> values, string? defaultValue) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))],
        Default = defaultValue is null ? null : JsonValue.Create(defaultValue),
    };
}
