using System.Collections.Immutable;
using System.ComponentModel.DataAnnotations;

namespace CardService.Core.Fetching;

/// <summary>Limits and identity of <see cref="PageFetcher"/>. Every limit applies per fetch, redirects included.</summary>
public sealed class FetchOptions : IValidatableObject
{
    public const string SectionName = "Fetch";

    /// <summary>The user agent sent for <see cref="CrawlerAgent.Default"/>.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(512)]
    public string UserAgent { get; set; } = CrawlerUserAgents.Default;

    /// <summary>Total time for one fetch: every redirect hop, headers and body.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Time to open one TCP connection (DNS lookup included).</summary>
    [Range(1, 60)]
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>Redirects followed before giving up with <see cref="FetchFailureKind.TooManyRedirects"/>.</summary>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Bytes of a page read from the network (compressed or not); more marks the page truncated.</summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 2L * 1024 * 1024;

    /// <summary>Bytes of a page kept after gzip/deflate/brotli decoding; more marks the page truncated.</summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxDecompressedBytes { get; set; } = 2L * 1024 * 1024;

    /// <summary>Bytes of a whole image (<see cref="PageFetcher.FetchImageAsync"/>); more is <see cref="FetchFailureKind.TooLarge"/>.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxImageBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Pixels (width × height, from the header) a downloaded image may declare; guards decoders against pixel bombs.</summary>
    [Range(1, 1L << 31)]
    public long MaxImagePixels { get; set; } = 50_000_000;

    /// <summary>Most bytes an image probe reads while looking for the pixel size.</summary>
    [Range(64, 4L * 1024 * 1024)]
    public int MaxProbeBytes { get; set; } = 256 * 1024;

    /// <summary>Bytes of robots.txt parsed (RFC 9309 asks for at least 500 KiB).</summary>
    [Range(1024, 8L * 1024 * 1024)]
    public long MaxRobotsBytes { get; set; } = 512 * 1024;

    /// <summary>Origins whose robots.txt is remembered (for at most a day each).</summary>
    [Range(0, 1_000_000)]
    public int RobotsCacheSize { get; set; } = 1024;

    /// <summary>
    /// Off by default. CIDR networks (<c>127.0.0.2/32</c>) that may be fetched although they are not
    /// public — for tests and local development only. Cloud metadata addresses stay blocked regardless.
    /// </summary>
    [Required]
    public string[] AllowedPrivateNetworks { get; set; } = [];

    /// <summary>Every configuration error at once (DataAnnotations and CIDR parsing); empty when valid.</summary>
    public ImmutableArray<string> Validate()
    {
        var results = new List<ValidationResult>();
        // The validator only runs IValidatableObject when every attribute passes: add those checks ourselves then.
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            results.AddRange(CrossChecks());
        }

        return [.. results.Select(r => r.ErrorMessage ?? "invalid fetch option").Distinct()];
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => CrossChecks();

    private IEnumerable<ValidationResult> CrossChecks()
    {
        if (AllowedPrivateNetworks is null)
        {
            yield break;
        }

        AddressPolicy.ParseNetworks(AllowedPrivateNetworks, out var errors);
        foreach (var error in errors)
        {
            yield return new ValidationResult($"{nameof(AllowedPrivateNetworks)}: {error}", [nameof(AllowedPrivateNetworks)]);
        }

        if (ConnectTimeoutSeconds > TimeoutSeconds)
        {
            yield return new ValidationResult(
                $"{nameof(ConnectTimeoutSeconds)} ({ConnectTimeoutSeconds}) exceeds {nameof(TimeoutSeconds)} ({TimeoutSeconds})",
                [nameof(ConnectTimeoutSeconds)]);
        }
    }
}
