using System.Globalization;
using CardService.Core.Cards;
using CardService.Core.Cards.FromPage;
using CardService.Core.Telemetry;
using CardService.Functions.Caching;
using CardService.Functions.Storage;
using CardService.Functions.Hosting;
using CardService.Functions.Limits;
using CardService.Functions.Signing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace CardService.Functions.Endpoints;

/// <summary><c>/card</c>: a social card image from a title and a few fields, or from a post's page (<c>url</c>), by query string (GET/HEAD) or JSON body (POST).</summary>
public static class CardEndpoints
{
    /// <summary>Cards are named by their inputs, so they never change: caches may keep them for a year.</summary>
    public const string CacheControl = "public, max-age=31536000, s-maxage=31536000, immutable";

    public const string MissingGlyphsHeader = "X-Card-Missing-Glyphs";

    /// <summary>Which tier answered: <c>memory</c>, <c>blob</c> (rendered by another instance) or <c>rendered</c> (drawn for this request).</summary>
    public const string TierHeader = "X-Card-Tier";

    /// <summary>Followed by a field (<c>Title</c>, <c>Site-Name</c>, …): where that field's value came from.</summary>
    public const string SourceHeaderPrefix = "X-Card-Source-";

    private static readonly string[] SourceFields =
    [
        CardFieldNames.Title, CardFieldNames.Category, CardFieldNames.Description, CardFieldNames.SiteName, CardFieldNames.Author,
        CardFieldNames.Date, CardFieldNames.Accent, CardFieldNames.Logo, CardFieldNames.Background,
    ];

    /// <summary>Every <c>X-Card-Source-*</c> header a card from a page may carry (for CORS and the OpenAPI document).</summary>
    public static IReadOnlyList<string> SourceHeaders { get; } = [.. SourceFields.Select(SourceHeaderFor)];

    public static IEndpointRouteBuilder MapCardEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapGet("/card", GetCardAsync)
            .WithName("GetCard")
            .WithSummary("Render a card from query parameters")
            .WithDescription("Same fields as POST /card. With url, the post's page is fetched and read for every field not given; "
                + "X-Card-Source-* headers say where each value came from. Answers 304 to a matching If-None-Match without rendering.")
            .WithTags("Cards")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesCardProblems()
            .RequireCardSignature()
            .AddOpenApiOperationTransformer(CardQuery.Describe)
            .AddOpenApiOperationTransformer(DescribeCardResponses);

        app.MapMethods("/card", [HttpMethods.Head], GetCardAsync)
            .WithName("HeadCard")
            .WithSummary("The headers GET /card would send, without the image")
            .WithDescription("Resolves the fields (and fetches the page when url is given) as GET does, and answers the same status and headers with no body.")
            .WithTags("Cards")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesCardProblems()
            .RequireCardSignature()
            .AddOpenApiOperationTransformer(CardQuery.Describe)
            .AddOpenApiOperationTransformer(DescribeCardResponses);

        app.MapPost("/card", PostCardAsync)
            .WithName("PostCard")
            .WithSummary("Render a card from a JSON body")
            .WithDescription("Title is required unless url is given; unknown properties are ignored. Always renders (or serves from the cache): no 304.")
            .WithTags("Cards")
            .Accepts<CardFields>("application/json")
            .ProducesCardProblems()
            .RequireCardSignature()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AddOpenApiOperationTransformer(DescribeCardResponses);

        return app;
    }

    // 400 (fields, or a bad url), the fetch problems of a page or an image, and 422 for a page without a title or an undecodable image.
    private static RouteHandlerBuilder ProducesCardProblems(this RouteHandlerBuilder builder) => builder
        .ProducesFetchProblems()
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status429TooManyRequests) // a card that fetches, over the client's budget
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable); // every render or fetch slot busy and the queue full

    // The typed results say "200, bytes" and nothing about headers; the document should say which images and which headers.
    private static Task DescribeCardResponses(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var head = HttpMethods.IsHead(context.Description.HttpMethod ?? string.Empty);
        var image = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = head ? "The headers of the card GET would send; no body." : "The card image.",
            Headers = CardHeaders(withImageHeaders: true),
            Content = head ? null : new Dictionary<string, OpenApiMediaType>
            {
                ["image/png"] = image,
                ["image/jpeg"] = image,
                ["image/webp"] = image,
            },
        };
        if (operation.Responses.ContainsKey("304"))
        {
            operation.Responses["304"] = new OpenApiResponse
            {
                Description = "If-None-Match matched the card's ETag: nothing was rendered and no body is sent.",
                Headers = CardHeaders(withImageHeaders: false),
            };
        }

        return Task.CompletedTask;
    }

    private static Dictionary<string, IOpenApiHeader> CardHeaders(bool withImageHeaders)
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        var headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
        {
            [HeaderNames.ETag] = new OpenApiHeader
            {
                Description = "A strong tag derived from the fields and the renderer's version; send it back in If-None-Match.",
                Schema = text,
            },
            [HeaderNames.CacheControl] = new OpenApiHeader
            {
                Description = "'" + CacheControl + "' for a card named by its fields; a card made from a page or a remote image is kept as long as they are reused (PageCards:CacheSeconds).",
                Schema = text,
            },
        };
        if (withImageHeaders)
        {
            headers[MissingGlyphsHeader] = new OpenApiHeader
            {
                Description = "How many code points of the text no bundled font can draw; 0 when everything was drawn.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0" },
            };
            headers[TierHeader] = new OpenApiHeader
            {
                Description = "Which tier answered: memory (this instance), blob (the shared store: another instance drew it) or rendered.",
                Schema = text,
            };
        }

        foreach (var header in SourceHeaders)
        {
            headers[header] = new OpenApiHeader
            {
                Description = "With url only: where this field's value came from (og:title, json-ld:publisher, host, path, request, …).",
                Schema = text,
            };
        }

        return headers;
    }

    public static async Task<Results<CardImageResult, EmptyHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetCardAsync(
        HttpContext context, CardRendering rendering, CardResolver resolver, QueryETags remembered,
        IOptions<PageCardOptions> pageCards, FetchRateLimiter limits, CancellationToken cancellationToken)
    {
        // A plain card asked for again by the same query string: its ETag is known, so the query is not even parsed (hence no
        // [AsParameters]: binding would parse it before this line runs).
        var rawQuery = context.Request.QueryString.Value ?? string.Empty;
        var lookedUp = false;
        if (remembered.TryGet(rawQuery, out var knownETag))
        {
            if (IfNoneMatchMatches(context.Request, knownETag))
            {
                WriteCacheHeaders(context.Response, knownETag, CacheControl);
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }

            var (kept, tier) = await rendering.Store.FindAsync(knownETag, cancellationToken);
            if (kept is not null)
            {
                return Answer(context, kept, tier, CacheControl);
            }

            lookedUp = true; // evicted: drawn again below from the fields
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var fields = CardQuery.ToFields(context.Request.Query, errors);
        if (errors.Count > 0)
        {
            CardSpecFactory.CheckRequest(fields, errors);
            return InvalidCard(errors);
        }

        return await ServeAsync(fields, context, rendering, resolver, pageCards.Value, limits, new QueryMemo(remembered, rawQuery, lookedUp), cancellationToken);
    }

    public static async Task<Results<CardImageResult, EmptyHttpResult, StatusCodeHttpResult, ProblemHttpResult>> PostCardAsync(
        HttpContext context, CardRendering rendering, CardResolver resolver, IOptions<CardRequestOptions> options,
        IOptions<PageCardOptions> pageCards, FetchRateLimiter limits, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync<CardFields>(context, options.Value.MaxBodyBytes, cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        return await ServeAsync(body.Value!, context, rendering, resolver, pageCards.Value, limits, memo: null, cancellationToken);
    }

    // One path for GET, HEAD and POST: resolve (page, remote images), then answer 304, headers only, or the image.
    private static async Task<Results<CardImageResult, EmptyHttpResult, StatusCodeHttpResult, ProblemHttpResult>> ServeAsync(
        CardFields fields, HttpContext context, CardRendering rendering, CardResolver resolver, PageCardOptions pageCards,
        FetchRateLimiter limits, QueryMemo? memo, CancellationToken cancellationToken)
    {
        // Only a card that makes us fetch (a page, a remote logo or background) counts against the client's fetch budget.
        if (Fetches(fields) && limits.Check(context) is { } tooMany)
        {
            return tooMany;
        }

        var resolution = await resolver.ResolveAsync(fields, cancellationToken);
        if (resolution.Problem is { } problem)
        {
            return ProblemFor(problem);
        }

        var spec = resolution.Spec!;
        var etag = rendering.Renderer.ETag(spec);
        if (memo is not null && !resolution.UsesRemoteContent && !Fetches(fields))
        {
            memo.ETags.Remember(memo.RawQuery, etag);
        }

        var cacheControl = resolution.UsesRemoteContent ? PageCacheControl(pageCards) : CacheControl;
        WriteSourceHeaders(context.Response, resolution.Sources);
        if (!HttpMethods.IsPost(context.Request.Method) && IfNoneMatchMatches(context.Request, etag))
        {
            WriteCacheHeaders(context.Response, etag, cacheControl);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var (card, tier) = memo is { LookedUp: true } ? (null, CardTier.Rendered) : await rendering.Store.FindAsync(etag, cancellationToken);
        if (card is null)
        {
            using var slot = await rendering.Gate.EnterAsync(cancellationToken);
            if (slot is null)
            {
                CardServiceTelemetry.RecordRejection("render-slots");
                context.Response.Headers.RetryAfter = "1";
                return TypedResults.Problem(
                    detail: $"{rendering.Options.Value.MaxConcurrentRenders} cards are being drawn and {rendering.Gate.Waiting} more are waiting; try again in a second.",
                    statusCode: StatusCodes.Status503ServiceUnavailable, title: "Renderer busy", type: ProblemTypes.RendererBusy);
            }

            // The slot is held until the render ends, even if this caller goes away, so the bound counts every render.
            card = await rendering.Store.GetOrRenderAsync(etag, () => rendering.Renderer.Render(spec), cacheControl, CancellationToken.None);
        }

        return Answer(context, card, tier, cacheControl);
    }

    // The card's headers, and its bytes unless this is HEAD.
    private static Results<CardImageResult, EmptyHttpResult, StatusCodeHttpResult, ProblemHttpResult> Answer(
        HttpContext context, RenderedCard card, CardTier tier, string cacheControl)
    {
        RequestLog.AnsweredFrom(context, TierName(tier));
        WriteCardHeaders(context, card, cacheControl);
        context.Response.Headers[TierHeader] = TierName(tier);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return TypedResults.Empty;
        }

        return new CardImageResult(card.Bytes, card.ContentType);
    }

    /// <summary>Where a GET or HEAD remembers its plain card's ETag, and whether the card tiers were already asked for it.</summary>
    private sealed record QueryMemo(QueryETags ETags, string RawQuery, bool LookedUp);

    private static string TierName(CardTier tier) => tier switch
    {
        CardTier.Memory => CardStore.MemoryTier,
        CardTier.Blob => BlobCardStore.Tier,
        _ => "rendered",
    };

    private static bool Fetches(CardFields fields) =>
        !string.IsNullOrWhiteSpace(fields.Url) || IsWebAddress(fields.Logo) || IsWebAddress(fields.Background);

    private static bool IsWebAddress(string? value) =>
        value is not null && (value.TrimStart().StartsWith("http:", StringComparison.OrdinalIgnoreCase) || value.TrimStart().StartsWith("https:", StringComparison.OrdinalIgnoreCase));

    // A card made from a page or a remote image changes when they do: cache it as long as we reuse what we fetched.
    private static string PageCacheControl(PageCardOptions options) =>
        string.Create(CultureInfo.InvariantCulture, $"public, max-age={options.CacheSeconds}, s-maxage={options.CacheSeconds}");

    /// <summary><c>X-Card-Source-Title: og:title</c>, … : why the card looks as it does.</summary>
    private static void WriteSourceHeaders(HttpResponse response, IReadOnlyDictionary<string, string> sources)
    {
        foreach (var (field, source) in sources)
        {
            response.Headers[SourceHeaderFor(field)] = source;
        }
    }

    // "siteName" → "X-Card-Source-Site-Name".
    private static string SourceHeaderFor(string field) => SourceHeaderPrefix +
        string.Concat(field.Select((c, i) => i == 0 ? char.ToUpperInvariant(c).ToString() : char.IsUpper(c) ? "-" + c : c.ToString()));

    private static ProblemHttpResult ProblemFor(CardProblem problem)
    {
        switch (problem.Kind)
        {
            case CardProblemKind.InvalidFields:
                return InvalidCard(new Dictionary<string, string[]>(problem.Errors!));
            case CardProblemKind.FetchFailed:
                var fetch = FetchProblems.For(problem.Fetch!);
                fetch.ProblemDetails.Extensions["field"] = problem.Field;
                return fetch;
            case CardProblemKind.PageWithoutTitle:
                return TypedResults.Problem(detail: problem.Detail, statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Page without a title", type: ProblemTypes.PageWithoutTitle,
                    extensions: new Dictionary<string, object?> { ["field"] = problem.Field });
            default:
                return TypedResults.Problem(detail: problem.Detail, statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Unusable image", type: ProblemTypes.UnusableImage,
                    extensions: new Dictionary<string, object?> { ["field"] = problem.Field });
        }
    }

    private static void WriteCardHeaders(HttpContext context, RenderedCard card, string cacheControl)
    {
        var response = context.Response;
        WriteCacheHeaders(response, card.ETag, cacheControl);
        response.Headers[MissingGlyphsHeader] = card.MissingCodePoints.Length.ToString(CultureInfo.InvariantCulture);
        response.ContentType = card.ContentType;
        response.ContentLength = card.Bytes.Length;
    }

    private static void WriteCacheHeaders(HttpResponse response, string etag, string cacheControl)
    {
        response.Headers.ETag = etag;
        response.Headers.CacheControl = cacheControl;
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

        // What a browser or CDN sends back is the tag as we wrote it: no parsing for that case.
        if (header.Count == 1 && string.Equals(header[0], etag, StringComparison.Ordinal))
        {
            return true;
        }

        var ours = EntityTagHeaderValue.Parse(etag);
        return EntityTagHeaderValue.TryParseList(header, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false));
    }
}

/// <summary>What drawing a card takes: the renderer, the card tiers and the gate that bounds concurrent renders.</summary>
public sealed record CardRendering(CardRenderer Renderer, CardStore Store, RenderGate Gate, IOptions<CardRenderingOptions> Options);

/// <summary>
/// The query string of <c>GET /card</c>: every value arrives as text, read into <see cref="CardFields"/> with errors naming
/// the field. <c>subtitle</c> and <c>site</c> are other names for <c>description</c> and <c>siteName</c>.
/// </summary>
public static class CardQuery
{
    // What each query parameter (and the JSON body's property of the same name) holds, for the OpenAPI document.
    internal static readonly DocumentedFields Documented = new(new Dictionary<string, (Func<OpenApiSchema>, string)>(StringComparer.Ordinal)
    {
        ["title"] = (() => ApiSchemas.Text(CardLimits.MaxTitleLength), "The post's title. Required unless url is given."),
        ["category"] = (() => ApiSchemas.Text(), "A short label above the title."),
        ["description"] = (() => ApiSchemas.Text(), "A line under the title."),
        ["subtitle"] = (() => ApiSchemas.Text(), "Another name for description."),
        ["siteName"] = (() => ApiSchemas.Text(), "The site's name in the footer."),
        ["site"] = (() => ApiSchemas.Text(), "Another name for siteName."),
        ["author"] = (() => ApiSchemas.Text(), "The author, in the footer, written as it should be shown."),
        ["date"] = (() => ApiSchemas.Text(), "The date, in the footer, written as it should be shown."),
        ["theme"] = (ApiSchemas.Theme, "The colours."),
        ["template"] = (ApiSchemas.Template, "The arrangement: classic, centered, photo (the background image under a scrim) or split (a hero panel beside the text)."),
        ["accent"] = (ApiSchemas.Accent, "The accent colour, #rgb or #rrggbb; in a URL write %23ff8800 or just ff8800."),
        ["logo"] = (ApiSchemas.Url, "A data: URI (data:image/png;base64,…), an http(s) URL, or auto for the page's icon (needs url)."),
        ["background"] = (ApiSchemas.Url, "A data: URI or an http(s) URL."),
        ["format"] = (ApiSchemas.Format, "The image format; jpg is another name for jpeg."),
        ["size"] = (ApiSchemas.Size, "A preset or any WIDTHxHEIGHT; not together with width or height."),
        ["width"] = (ApiSchemas.Side, "Pixels; default 1200."),
        ["height"] = (ApiSchemas.Side, "Pixels; default 630."),
        ["url"] = (ApiSchemas.Url, "A post's URL: its page is fetched and read for every field the request leaves out."),
    }, new HashSet<string>());

    /// <summary>The query parameters of GET and HEAD /card, typed and described (the handler reads the query itself, so nothing else lists them).</summary>
    internal static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        Documented.AddQueryParameters(operation);
        return Task.CompletedTask;
    }

    /// <summary>The card's fields from a query string; a parameter given twice reads as its values joined by commas.</summary>
    public static CardFields ToFields(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(errors);
        return new CardFields
        {
            Title = query["title"],
            Category = query["category"],
            Description = (string?)query["description"] ?? query["subtitle"],
            SiteName = (string?)query["siteName"] ?? query["site"],
            Author = query["author"],
            Date = query["date"],
            Theme = query["theme"],
            Template = query["template"],
            Accent = query["accent"],
            Logo = query["logo"],
            Background = query["background"],
            Format = query["format"],
            Size = query["size"],
            Width = ParseSide("width", query["width"], errors),
            Height = ParseSide("height", query["height"], errors),
            Url = query["url"],
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
