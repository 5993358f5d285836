namespace CardService.Functions.Hosting;

/// <summary>
/// The stable <c>type</c> URIs of every problem the API answers with. They are identifiers, documented
/// in the README; they are not fetched.
/// </summary>
public static class ProblemTypes
{
    public const string Base = "https://cardservice.dev/problems/";

    /// <summary>400: a card's fields fail validation or cannot be parsed; <c>errors</c> names each field.</summary>
    public const string InvalidCard = Base + "invalid-card";

    /// <summary>400: the request body is not valid JSON (or a field has the wrong JSON type); <c>errors</c> names the field or <c>body</c>.</summary>
    public const string MalformedJson = Base + "malformed-json";

    /// <summary>400 for any other bad request.</summary>
    public const string BadRequest = Base + "bad-request";

    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";

    /// <summary>413: the body is larger than <see cref="Endpoints.CardRequestOptions.MaxBodyBytes"/>.</summary>
    public const string PayloadTooLarge = Base + "payload-too-large";

    /// <summary>415: the body is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = Base + "unsupported-media-type";

    /// <summary>500: a bug or a broken deployment; never carries details.</summary>
    public const string InternalError = Base + "internal-error";

    /// <summary>The type for a status code that no endpoint chose a type for.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => BadRequest,
        404 => NotFound,
        405 => MethodNotAllowed,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        >= 500 => InternalError,
        _ => Base + "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
