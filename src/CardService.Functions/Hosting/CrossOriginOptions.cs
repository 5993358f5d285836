using System.ComponentModel.DataAnnotations;

namespace CardService.Functions.Hosting;

/// <summary>
/// Which web pages may call the API from a browser (CORS). Every endpoint is public and read-only and no request
/// carries credentials, so the default lets any origin read every answer; a deployment may list its own origins.
/// </summary>
public sealed class CrossOriginOptions : IValidatableObject
{
    public const string SectionName = "Cors";

    /// <summary>Any origin.</summary>
    public const string AnyOrigin = "*";

    /// <summary>
    /// Empty (the default) or <c>["*"]</c> for any origin, else origins such as <c>https://blog.example</c> (scheme, host
    /// and an optional port; no path). Empty by default because configuration binding appends to a default list.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Whether any origin may call.</summary>
    public bool AllowsAnyOrigin => AllowedOrigins.Length == 0 || AllowedOrigins.Contains(AnyOrigin);

    /// <summary>How long a browser may reuse a preflight answer (<c>Access-Control-Max-Age</c>). Default 10 minutes.</summary>
    [Range(0, 86400)]
    public int PreflightMaxAgeSeconds { get; set; } = 600;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var members = new[] { nameof(AllowedOrigins) };
        if (AllowedOrigins.Contains(AnyOrigin) && AllowedOrigins.Length > 1)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(AllowedOrigins)} lists '*' beside other origins; give '*' alone or only origins.", members);
        }

        foreach (var origin in AllowedOrigins.Where(o => o != AnyOrigin))
        {
            if (!IsOrigin(origin))
            {
                yield return new ValidationResult(
                    $"{SectionName}:{nameof(AllowedOrigins)} has '{origin}', which is not an origin like https://blog.example (http or https, a host, an optional port, no path).",
                    members);
            }
        }
    }

    // An origin is what a browser sends in Origin: scheme://host[:port], nothing after it.
    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), value.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
        && !value.EndsWith('/');
}
