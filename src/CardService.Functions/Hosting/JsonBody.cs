using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CardService.Functions.Hosting;

/// <summary>A POST body read as JSON: the value, or the problem that explains why there is none.</summary>
public sealed record JsonBody<T>(T? Value, ProblemHttpResult? Problem)
    where T : class;

/// <summary>
/// Reads a JSON request body the same way for every endpoint: <c>application/json</c> (or <c>…+json</c>) only, at most a
/// configured number of bytes (our own cap, answered as a 413 problem), and JSON errors that name the field or the body.
/// </summary>
public static class JsonBodyReader
{
    private static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web);

    public static async Task<JsonBody<T>> ReadAsync<T>(HttpContext context, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!IsJson(request.ContentType))
        {
            return Failed<T>(TypedResults.Problem(
                detail: $"Send the body as JSON with Content-Type: application/json (got '{request.ContentType ?? "none"}').",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported Media Type",
                type: ProblemTypes.UnsupportedMediaType));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            // Our own cap below is the one that counts, and it answers 413 as a problem instead of a bare server error.
            serverLimit.MaxRequestBodySize = null;
        }

        var body = await ReadLimitedAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return Failed<T>(TypedResults.Problem(
                detail: string.Create(CultureInfo.InvariantCulture, $"The body is larger than {maxBytes} bytes."),
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Content Too Large",
                type: ProblemTypes.PayloadTooLarge));
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body.Value.Span, BodyJson) is { } value
                ? new JsonBody<T>(value, null)
                : Failed<T>(Malformed("body", "The body must be a JSON object, not null."));
        }
        catch (JsonException e)
        {
            // "$.width" names a field; anything deeper or a syntax error names the body.
            var field = e.Path is ['$', '.', .. var rest] && rest.All(char.IsAsciiLetterOrDigit) ? rest : "body";
            var where = string.Create(CultureInfo.InvariantCulture, $"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}");
            return Failed<T>(Malformed(field, field == "body"
                ? $"The body is not valid JSON ({where})."
                : $"The value of '{field}' has the wrong JSON type ({where})."));
        }
    }

    /// <summary>A 400 problem with <c>errors</c> naming fields, the shape every endpoint uses for bad input.</summary>
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors, string title, string type, string? detail = null) =>
        TypedResults.Problem(
            detail: detail ?? "One or more fields are invalid; see errors.",
            statusCode: StatusCodes.Status400BadRequest,
            title: title,
            type: type,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    private static ProblemHttpResult Malformed(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] }, "Malformed JSON body", ProblemTypes.MalformedJson, message);

    private static JsonBody<T> Failed<T>(ProblemHttpResult problem)
        where T : class => new(null, problem);

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.HasValue
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger (declared or actual).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadLimitedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
