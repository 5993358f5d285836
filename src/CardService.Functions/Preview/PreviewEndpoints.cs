using System.Collections.Frozen;
using CardService.Core.Fetching;
using CardService.Core.Inspection;
using CardService.Functions.Endpoints;
using CardService.Functions.Hosting;
using CardService.Functions.Limits;
using CardService.Functions.Preview.Components;
using CardService.Functions.Signing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Preview;

/// <summary>
/// The preview page for people: <c>GET /</c> in a browser (the landing page), <c>GET|POST /preview</c> (mock-ups, findings,
/// tags, a suggested card and the what-if editor), and <c>/preview/image</c>, which shows a previewed page's images.
/// </summary>
public static class PreviewEndpoints
{
    /// <summary>No inline script or style, images from us only (page images come through <see cref="ImageLinks"/>), never framed.</summary>
    public const string PageSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> RasterTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ImageFormats.Png] = "image/png",
        [ImageFormats.Jpeg] = "image/jpeg",
        [ImageFormats.Gif] = "image/gif",
        [ImageFormats.WebP] = "image/webp",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapPreviewPages(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var pages = app.MapGroup("").ExcludeFromDescription().AddEndpointFilter(WithSecurityHeadersAsync);
        // Same route as the JSON index: HtmlOnlyPolicy keeps this one for browsers only, and the lower order wins for them.
        pages.MapGet("/", Landing).WithOrder(-1).WithMetadata(new HtmlOnlyMetadata()).WithName("LandingPage");
        pages.MapMethods("/preview", [HttpMethods.Get, HttpMethods.Head], GetPreviewAsync).WithName("GetPreviewPage").RequireFetchRateLimit();
        pages.MapPost("/preview", PostPreviewAsync).WithName("PostPreviewPage").RequireFetchRateLimit();
        pages.MapGet(ImageLinks.Path, GetImageAsync).WithName("PreviewImage").RequireFetchRateLimit();
        // The page's two static files, by name: nothing else of wwwroot (or of the framework's assets) is served.
        pages.MapMethods("/preview/{file:regex(^preview\\.(css|js)$)}", [HttpMethods.Get, HttpMethods.Head], Asset).WithName("PreviewAsset");
        return app;
    }

    public static IResult Asset(string file, IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var info = environment.WebRootFileProvider.GetFileInfo("preview/" + file);
        return info is { Exists: true, PhysicalPath: { } path }
            ? TypedResults.PhysicalFile(path, file.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8",
                lastModified: info.LastModified)
            : TypedResults.NotFound();
    }

    public static RazorComponentResult Landing(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.Vary = "Accept";
        return LandingWith(null, null, null, null);
    }

    public static async Task<RazorComponentResult> GetPreviewAsync(
        [FromQuery] string? url, [FromQuery] string? agent, HttpContext context, PageInspector inspector, ImageLinks links, CardLinks cards, CancellationToken cancellationToken)
    {
        // Plain /preview is the way in where "/" is not ours (the Functions host answers "/" itself).
        if (url is null)
        {
            return LandingWith(null, null, null, agent);
        }

        if (string.IsNullOrWhiteSpace(url))
        {
            return LandingWith(new PageError("Enter the address of the page you want to preview.", null, StatusCodes.Status400BadRequest), url, null, agent);
        }

        var outcome = await InspectRequest.RunAsync(new InspectQuery { Url = url, Agent = agent }, inspector, cancellationToken);
        return Render(outcome, new PreviewInput(agent), url, null, context, links, cards);
    }

    public static async Task<RazorComponentResult> PostPreviewAsync(
        HttpContext context, PageInspector inspector, ImageLinks links, CardLinks cards, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.HasFormContentType)
        {
            return LandingWith(PageErrors.BadForm("Send the page's form (application/x-www-form-urlencoded or multipart/form-data)."), null, null, null);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        string? Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;
        var (url, html, agent) = (Field("url"), Field("html"), Field("agent"));
        var input = new PreviewInput(agent);
        if (form.ContainsKey("title") || form.ContainsKey("description") || form.ContainsKey("image"))
        {
            if (string.IsNullOrEmpty(html))
            {
                return LandingWith(PageErrors.BadForm("The what-if editor sends the page's HTML with its edits; this post had none."), url, null, agent);
            }

            var edits = new EditValues(Field("title"), Field("description"), Field("image"));
            var originals = new EditValues(Field("was-title"), Field("was-description"), Field("was-image"));
            input = new PreviewInput(agent, html, edits, originals);
            html = HeadEditor.Apply(html, edits, originals);
        }

        var body = new InspectBody { Url = url, Html = string.IsNullOrWhiteSpace(html) ? null : html, Agent = agent };
        var outcome = await InspectRequest.RunAsync(body, inspector, cancellationToken);
        return Render(outcome, input, url, input.SourceHtml ?? body.Html, context, links, cards);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetImageAsync(
        [FromQuery] string? src, [FromQuery] string? exp, [FromQuery] string? sig,
        HttpContext context, ImageLinks links, PageFetcher fetcher, IOptions<PreviewOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var refusal = links.Check(src, exp, sig);
        if (refusal is not null || !Uri.TryCreate(src, UriKind.Absolute, out var url))
        {
            return TypedResults.Problem(refusal ?? "The signed image URL is not absolute.", statusCode: StatusCodes.Status403Forbidden,
                title: "Image link refused", type: ProblemTypes.ImageLinkRefused);
        }

        var download = await fetcher.FetchImageAsync(url, cancellationToken);
        if (!download.IsSuccess)
        {
            return FetchProblems.For(download.Failure);
        }

        if (download.Image.Format is not { } format || !RasterTypes.TryGetValue(format, out var contentType))
        {
            return TypedResults.Problem($"{url} is {download.Image.Format ?? "not an image format platforms know"}; previews show PNG, JPEG, GIF and WebP only.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not a raster image", type: ProblemTypes.UnusableImage);
        }

        // The type is the sniffed format's, never the upstream's header, and the image is only ever an image.
        context.Response.Headers.CacheControl = $"private, max-age={options.Value.ImageCacheSeconds}";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(download.Image.Bytes.ToArray(), contentType);
    }

    private static RazorComponentResult Render(InspectOutcome outcome, PreviewInput input, string? url, string? html, HttpContext context, ImageLinks links, CardLinks cards)
    {
        if (outcome.Problem is { } problem)
        {
            return LandingWith(PageErrors.From(problem), url, html, input.Agent);
        }

        var inspection = outcome.Inspection!;
        if (PageErrors.NotHtml(inspection.Report) is { } notHtml)
        {
            return LandingWith(notHtml, url, html, input.Agent);
        }

        var origin = new Uri($"{context.Request.Scheme}://{context.Request.Host}/");
        var view = PreviewViewBuilder.Build(inspection, input, links, cards, origin);
        return new RazorComponentResult<PreviewPage>(new Dictionary<string, object?> { [nameof(PreviewPage.View)] = view });
    }

    private static RazorComponentResult<LandingPage> LandingWith(PageError? error, string? url, string? html, string? agent) =>
        new RazorComponentResult<LandingPage>(new Dictionary<string, object?>
        {
            [nameof(LandingPage.Error)] = error,
            [nameof(LandingPage.Url)] = url,
            [nameof(LandingPage.Html)] = html,
            [nameof(LandingPage.Agent)] = agent,
        })
        {
            StatusCode = error?.Status ?? StatusCodes.Status200OK,
        };

    private static async ValueTask<object?> WithSecurityHeadersAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = PageSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return await next(context);
    }
}
