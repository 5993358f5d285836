namespace CardService.Functions.Endpoints;

/// <summary>
/// A card's bytes as the answer, written straight to the response; the endpoint has already written the card's headers,
/// type and length included (HEAD sends them too). <c>TypedResults.Bytes</c> would also evaluate range and precondition
/// headers, which a card does not serve (ranges) or has already answered (If-None-Match, by a 304), and resolve a logger,
/// on every request: a measurable part of a cached card's CPU (docs/PERFORMANCE.md).
/// </summary>
public sealed class CardImageResult(ReadOnlyMemory<byte> bytes, string contentType) : IResult, IContentTypeHttpResult, IStatusCodeHttpResult
{
    public ReadOnlyMemory<byte> Bytes => bytes;

    public string ContentType => contentType;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var writing = httpContext.Response.Body.WriteAsync(bytes);
        return writing.IsCompletedSuccessfully ? Task.CompletedTask : writing.AsTask();
    }
}
