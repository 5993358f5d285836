using System.Globalization;
using CardService.Core.Cards;
using CardService.Functions.Caching;
using CardService.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace CardService.Functions.Endpoints;

/// <summary><c>/card</c>: a social card image from a title and a few fields, by query string (GET/HEAD) or JSON body (POST).</summary>
public static class CardEndpoints
{
    /// <summary>Cards are named by their inputs, so they never change: caches may keep them for a year.</summary>
    public const string CacheControl = "public, max-age=31536000, s-maxage=31536000, immutable";

    public const string MissingGlyphsHeader = "X-Card-Missing-Glyphs";

    public static IEndpointRouteBuilder MapCardEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapGet("/card", GetCardAsync)
            .WithName("GetCard")
            .WithSummary("Render a card from query parameters")
            .WithDescription("Same fields as POST /card. Answers 304 to a matching If-None-Match without rendering.")
            .WithTags("Cards")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem()
            .AddOpenApiOperationTransformer(DescribeImage);

        app.MapMethods("/card", [HttpMethods.Head], GetCardAsync)
            .WithName("HeadCard")
            .WithSummary("The headers GET /card would send, without the image")
            .WithTags("Cards")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem();

        app.MapPost("/card", PostCardAsync)
            .WithName("PostCard")
            .WithSummary("Render a card from a JSON body")
            .WithTags("Cards")
            .Accepts<CardFields>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AddOpenApiOperationTransformer(DescribeImage);

        return app;
    }

    // The typed results say "200, bytes"; the document should say which images.
    private static Task DescribeImage(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var image = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = "The card image, with ETag, immutable Cache-Control and " + MissingGlyphsHeader + ".",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["image/png"] = image,
                ["image/jpeg"] = image,
                ["image/webp"] = image,
            },
        };
        return Task.CompletedTask;
    }

    public static async Task<Results<FileContentHttpResult, EmptyHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetCardAsync(
        [AsParameters] CardQuery query, HttpContext context, CardRenderer renderer, CardCache cache, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var fields = query.ToFields(errors);
        if (CardSpecFactory.TryCreate(fields, errors) is not { } spec)
        {
            return InvalidCard(errors);
        }

        var etag = CardRenderer.ETagFor(spec);
        if (IfNoneMatchMatches(context.Request, etag))
        {
            WriteCacheHeaders(context.Response, etag);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var card = await cache.GetOrRenderAsync(etag, () => renderer.Render(spec), cancellationToken);
        WriteCardHeaders(context, card);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return TypedResults.Empty;
        }

        return TypedResults.Bytes(card.Bytes, card.ContentType);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PostCardAsync(
        HttpContext context, CardRenderer renderer, CardCache cache, IOptions<CardRequestOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync<CardFields>(context, options.Value.MaxBodyBytes, cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (CardSpecFactory.TryCreate(body.Value!, errors) is not { } spec)
        {
            return InvalidCard(errors);
        }

        var etag = CardRenderer.ETagFor(spec);
        var card = await cache.GetOrRenderAsync(etag, () => renderer.Render(spec), cancellationToken);
        WriteCardHeaders(context, card);
        return TypedResults.Bytes(card.Bytes, card.ContentType);
    }

    private static void WriteCardHeaders(HttpContext context, RenderedCard card)
    {
        var response = context.Response;
        WriteCacheHeaders(response, card.ETag);
        response.Headers[MissingGlyphsHeader] = card.MissingCodePoints.Length.ToString(CultureInfo.InvariantCulture);
        response.ContentType = card.ContentType;
        response.ContentLength = card.Bytes.Length;
    }

    private static void WriteCacheHeaders(HttpResponse response, string etag)
    {
        response.Headers.ETag = etag;
        response.Headers.CacheControl = CacheControl;
    }

    private static ProblemHttpResult InvalidCard(Dictionary<string, string[]> errors) =>
        JsonBodyReader.Invalid(errors, "Invalid card", ProblemTypes.InvalidCard, "One or more card fields are invalid; see errors.");

    /// <summary>If-None-Match with weak comparison (RFC 9110 §13.1.2): <c>*</c>, one tag or a list.</summary>
    internal static bool IfNoneMatchMatches(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0)
        {
            return false;
        }

        var ours = EntityTagHeaderValue.Parse(etag);
        return EntityTagHeaderValue.TryParseList(header, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false));
    }
}

/// <summary>The query string of <c>GET /card</c>; every value arrives as text and is parsed with errors naming the field.</summary>
public sealed record CardQuery
{
    [FromQuery(Name = "title")] public string? Title { get; init; }
    [FromQuery(Name = "category")] public string? Category { get; init; }
    [FromQuery(Name = "description")] public string? Description { get; init; }

    /// <summary>Alias of description.</summary>
    [FromQuery(Name = "subtitle")] public string? Subtitle { get; init; }
    [FromQuery(Name = "siteName")] public string? SiteName { get; init; }

    /// <summary>Alias of siteName.</summary>
    [FromQuery(Name = "site")] public string? Site { get; init; }
    [FromQuery(Name = "author")] public string? Author { get; init; }
    [FromQuery(Name = "date")] public string? Date { get; init; }
    [FromQuery(Name = "theme")] public string? Theme { get; init; }
    [FromQuery(Name = "accent")] public string? Accent { get; init; }
    [FromQuery(Name = "logo")] public string? Logo { get; init; }
    [FromQuery(Name = "background")] public string? Background { get; init; }
    [FromQuery(Name = "format")] public string? Format { get; init; }
    [FromQuery(Name = "size")] public string? Size { get; init; }
    [FromQuery(Name = "width")] public string? Width { get; init; }
    [FromQuery(Name = "height")] public string? Height { get; init; }

    public CardFields ToFields(Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new CardFields
        {
            Title = Title,
            Category = Category,
            Description = Description ?? Subtitle,
            SiteName = SiteName ?? Site,
            Author = Author,
            Date = Date,
            Theme = Theme,
            Accent = Accent,
            Logo = Logo,
            Background = Background,
            Format = Format,
            Size = Size,
            Width = ParseSide("width", Width, errors),
            Height = ParseSide("height", Height, errors),
        };
    }

    private static int? ParseSide(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (CardSpecFactory.TryParseInt(value, out var side))
        {
            return side;
        }

        errors[field] = [$"'{value}' is not a whole number of pixels."];
        return null;
    }
}
