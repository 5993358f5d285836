using System.ComponentModel.DataAnnotations;

namespace CardService.Functions.Storage;

/// <summary>Where rendered cards are kept beyond this instance's memory: nowhere (<c>memory</c>, the default) or Azure Blob Storage (<c>blob</c>).</summary>
public sealed class CardStoreOptions
{
    public const string SectionName = "CardStore";

    public const string MemoryKind = "memory";

    public const string BlobKind = "blob";

    /// <summary><c>memory</c> (each instance renders its own cards) or <c>blob</c> (instances share what any of them rendered).</summary>
    public string Kind { get; set; } = MemoryKind;

    /// <summary>The blob tier's account and container; read when <see cref="Kind"/> is <c>blob</c>.</summary>
    public BlobStoreOptions Blob { get; set; } = new();

    /// <summary>The longest a request waits for a shared store (blob or Redis) before it renders or fetches itself. Default 500 ms.</summary>
    [Range(10, 30_000)]
    public int TimeoutMilliseconds { get; set; } = 500;

    public TimeSpan Timeout => TimeSpan.FromMilliseconds(TimeoutMilliseconds);

    /// <summary>Failed or timed-out calls in a row after which a shared store (blob or Redis) is skipped for <see cref="BreakerOpenSeconds"/>. Default 5.</summary>
    [Range(1, 1000)]
    public int BreakerFailures { get; set; } = 5;

    /// <summary>How long a failing shared store is skipped before one call tries it again. Default 30 s.</summary>
    [Range(1, 3600)]
    public int BreakerOpenSeconds { get; set; } = 30;

    public TimeSpan BreakerOpen => TimeSpan.FromSeconds(BreakerOpenSeconds);

    /// <summary>A breaker for the <paramref name="tier"/> store with these settings.</summary>
    public StoreBreaker BreakerFor(string tier, TimeProvider? time, ILogger logger) => new(tier, BreakerFailures, BreakerOpen, time, logger);

    public bool UsesBlob => string.Equals(Kind, BlobKind, StringComparison.OrdinalIgnoreCase);

    /// <summary>What the DataAnnotations cannot say: the kind, and a blob store's account and container. Each a sentence naming its setting.</summary>
    public IEnumerable<string> Problems()
    {
        if (!UsesBlob && !string.Equals(Kind, MemoryKind, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"CardStore:Kind: '{Kind}' is not a card store kind; use '{MemoryKind}' or '{BlobKind}'.";
            yield break;
        }

        if (!UsesBlob)
        {
            yield break;
        }

        var hasConnectionString = !string.IsNullOrWhiteSpace(Blob.ConnectionString);
        if (hasConnectionString == Blob.ServiceUri is not null)
        {
            yield return "CardStore:Blob: the blob store needs exactly one of CardStore:Blob:ConnectionString (e.g. Azurite) or CardStore:Blob:ServiceUri (managed identity).";
        }

        if (Blob.ServiceUri is { } uri && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            yield return $"CardStore:Blob:ServiceUri '{uri}' is not an absolute http(s) URL.";
        }

        if (!BlobStoreOptions.IsContainerName(Blob.Container))
        {
            yield return $"CardStore:Blob:Container '{Blob.Container}' is not a container name (3-63 lowercase letters, digits and single hyphens, starting with a letter or digit).";
        }
    }
}

/// <summary>The Azure Blob Storage account and container cards are kept in.</summary>
public sealed class BlobStoreOptions
{
    /// <summary>A storage connection string (Azurite's, or an account key's); not together with <see cref="ServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's blob endpoint (<c>https://account.blob.core.windows.net</c>), reached with <c>DefaultAzureCredential</c> (managed identity).</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>The container; created when missing. Default <c>cards</c>.</summary>
    public string Container { get; set; } = "cards";

    internal static bool IsContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && char.IsAsciiLetterOrDigit(name[0])
        && name[^1] != '-'
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !name.Contains("--", StringComparison.Ordinal);
}
