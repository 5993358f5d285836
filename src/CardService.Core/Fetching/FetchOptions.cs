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
    /// How long a fetched page and an image probe are shared by every request for them (<c>/meta</c>, <c>/validate</c>,
    /// <c>/card?url=</c>): concurrent requests always share one fetch; later ones reuse it for this long. 0 shares only
    /// concurrent requests. Default 60 seconds.
    /// </summary>
    [Range(0, 3600)]
    public int ReuseSeconds { get; set; } = 60;

    /// <summary>
    /// How long a fetch that failed (and a robots.txt that could not be read) answers the same failure without being
    /// tried again, so many callers of a broken page do not hammer its site. 0 shares only concurrent requests. Default 15 seconds.
    /// </summary>
    [Range(0, 600)]
    public int FailureReuseSeconds { get; set; } = 15;

    /// <summary>Bytes of fetched pages kept for <see cref="ReuseSeconds"/> (the image probes' small results count against their own equal budget). Default 32 MiB.</summary>
    [Range(0L, 4L * 1024 * 1024 * 1024)]
    public long MaxReusedBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Fetches (pages, probes, images, robots.txt) running at once across every host; each holds a socket and buffers. Default 16.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentFetches { get; set; } = 16;

    /// <summary>Fetches that may wait for a turn; more fail at once as <see cref="FetchFailureKind.Busy"/> (HTTP 503). Default 64.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedFetches { get; set; } = 64;

    /// <summary>Fetches to one host at once (the host asked for; its redirects count against it), so no one site is hammered through us. Default 4.</summary>
    [Range(1, 64)]
    public int MaxFetchesPerHost { get; set; } = 4;

    /// <summary>
    /// Off by default. CIDR networks (<c>127.0.0.2/32</c>) that may be fetched although they are not
    /// public — for tests and local development only. Cloud metadata addresses stay blocked regardless.
    /// </summary>
    [Required]
    public string[] AllowedPrivateNetworks { get; set; } = [];

    /// <summary><see cref="ReuseSeconds"/> as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan ReuseLifetime => TimeSpan.FromSeconds(ReuseSeconds);

    /// <summary><see cref="FailureReuseSeconds"/> as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan FailureReuseLifetime => TimeSpan.FromSeconds(FailureReuseSeconds);

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

        if (MaxFetchesPerHost > MaxConcurrentFetches)
        {
            yield return new ValidationResult(
                $"{nameof(MaxFetchesPerHost)} ({MaxFetchesPerHost}) exceeds {nameof(MaxConcurrentFetches)} ({MaxConcurrentFetches})",
                [nameof(MaxFetchesPerHost)]);
        }

        if (ConnectTimeoutSeconds > TimeoutSeconds)
        {
            yield return new ValidationResult(
                $"{nameof(ConnectTimeoutSeconds)} ({ConnectTimeoutSeconds}) exceeds {nameof(TimeoutSeconds)} ({TimeoutSeconds})",
                [nameof(ConnectTimeoutSeconds)]);
        }
    }
}
