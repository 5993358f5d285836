using System.Net;
using CardService.Core.Cards;
using CardService.Functions.Endpoints;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CardService.Functions.Hosting;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and a readable reference of it at <c>/docs</c> (Scalar, served from this app).</summary>
public static class OpenApiExtensions
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/docs";

    /// <summary>The schema every problem answer points to.</summary>
    public const string ProblemSchema = "Problem";

    private const string ProblemContentType = "application/problem+json";

    public static IServiceCollection AddCardServiceOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer(DescribeDocument);
            o.AddSchemaTransformer(CleanSchema);
        });

    /// <summary>Maps the document and the reference page; neither describes itself in the document.</summary>
    public static IEndpointRouteBuilder MapCardServiceOpenApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi(DocumentPath).WithTags("Meta");
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("CardService API")
            .WithOpenApiRoutePattern(DocumentPath)
            // The page must work where there is no internet: the script is served by this app, and no fonts come from a CDN.
            .DisableDefaultFonts()
            .DisableTelemetry()
            // A reference page, not a hosted product: no developer toolbar, AI agent or MCP button (they call Scalar's services).
            .HideDeveloperTools()
            .DisableAgent()
            .DisableMcp())
            .ExcludeFromDescription();
        return app;
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "CardService";
        document.Info.Description = "Social card images, link previews and SEO tag checks. Every error is application/problem+json "
            + "(the Problem schema); a bug answers 500 internal-error, with no detail. A readable reference is served at " + ReferencePath + ".";

        // One problem schema, with its extension members, in place of the framework's two partial ones.
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.Remove("ProblemDetails");
        document.Components.Schemas.Remove("HttpValidationProblemDetails");
        document.Components.Schemas[ProblemSchema] = ApiSchemas.Problem();
        foreach (var schema in document.Components.Schemas.Values)
        {
            DecodeDescriptions(schema);
        }

        var problem = new OpenApiSchemaReference(ProblemSchema, document);
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations ?? []).Select(o => o.Value))
        {
            foreach (var (status, response) in operation.Responses ?? [])
            {
                if (response.Content?.TryGetValue(ProblemContentType, out var media) == true && media is OpenApiMediaType problemMedia)
                {
                    problemMedia.Schema = problem;
                    if (response is OpenApiResponse editable && int.TryParse(status, out var code))
                    {
                        editable.Description = ProblemDescriptions.TryGetValue(code, out var text) ? text : editable.Description;
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    // Property descriptions the generator puts on a nullable reference's oneOf branch never pass through the schema transformer.
    private static void DecodeDescriptions(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchemaReference { Description: { } referenceDescription } reference)
        {
            reference.Description = WebUtility.HtmlDecode(referenceDescription);
        }

        if (schema is not OpenApiSchema editable)
        {
            return;
        }

        if (editable.Description is { } description)
        {
            editable.Description = WebUtility.HtmlDecode(description);
        }

        foreach (var child in (editable.Properties?.Values ?? []).Concat(editable.OneOf ?? []).Concat(editable.AnyOf ?? []).Concat(editable.AllOf ?? []))
        {
            DecodeDescriptions(child);
        }

        if (editable.Items is { } items)
        {
            DecodeDescriptions(items);
        }
    }

    // What each status means here, so a reader does not have to guess from "Bad Gateway".
    private static readonly Dictionary<int, string> ProblemDescriptions = new()
    {
        [400] = "Bad input: a field is missing, malformed or out of range (errors names each), or the body is not valid JSON.",
        [403] = "The URL, a redirect or its DNS answer leads to a private, loopback or metadata address; nothing was fetched there.",
        [413] = "The request body, or what the upstream sent, is larger than the configured limits.",
        [415] = "The body is not application/json.",
        [422] = "The page gives no title, or a logo or background is not an image the renderer decodes.",
        [502] = "The upstream could not be reached (DNS, connection, TLS, too many redirects) or answered an unusable status.",
        [504] = "The upstream did not answer within the fetch time limit.",
    };

    // Generated descriptions come from XML doc comments: decode their escaped markup (&lt;title&gt;). Numbers are written as
    // numbers, so a schema that also allows "string" (the serializer reads numbers from strings) says only the number.
    private static Task CleanSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        DecodeDescriptions(schema);
        if (schema.Type is { } type && (type & JsonSchemaType.String) != 0 && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        if (context.JsonTypeInfo.Type == typeof(CardFields))
        {
            CardQuery.Documented.DescribeProperties(schema);
        }
        else if (context.JsonTypeInfo.Type == typeof(InspectBody))
        {
            InspectQuery.Documented.DescribeProperties(schema);
        }

        return Task.CompletedTask;
    }
}
