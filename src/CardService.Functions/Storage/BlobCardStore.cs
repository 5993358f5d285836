using System.Collections.Immutable;
using System.Globalization;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CardService.Core.Cards;

namespace CardService.Functions.Storage;

/// <summary>
/// Rendered cards in one Azure Blob Storage container, shared by every instance. A blob is named by the card's content key
/// (its ETag without quotes), keeps the image's <c>Content-Type</c> and <c>Cache-Control</c>, and carries the card's ETag and
/// missing code points as metadata. Blobs are created with <c>If-None-Match: *</c>: two instances racing on one card both
/// succeed, the second finds the first's identical bytes. Every call is bounded by the store timeout; a failure is logged,
/// counted and answered as a miss, never thrown. After a run of failures the <see cref="StoreBreaker"/> skips the store for a
/// cool-down, then lets one call try it again.
/// </summary>
public sealed partial class BlobCardStore
{
    public const string Tier = "blob";

    private const string ETagMetadata = "cardetag";
    private const string MissingMetadata = "missingcodepoints";

    private readonly BlobContainerClient _container;
    private readonly TimeSpan _timeout;
    private readonly StoreMetrics _metrics;
    private readonly ILogger<BlobCardStore> _logger;
    private readonly StoreBreaker _breaker;

    public BlobCardStore(BlobContainerClient container, TimeSpan timeout, StoreMetrics metrics, ILogger<BlobCardStore> logger, StoreBreaker breaker)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(breaker);
        _container = container;
        _timeout = timeout;
        _metrics = metrics;
        _logger = logger;
        _breaker = breaker;
    }

    /// <summary>The container named by <paramref name="options"/>: by connection string (Azurite) or by managed identity.</summary>
    public static BlobContainerClient ContainerFor(CardStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new BlobClientOptions();

        // One quick retry at most: the store timeout bounds the whole call, and rendering is the fallback, not waiting.
        client.Retry.MaxRetries = 1;
        client.Retry.NetworkTimeout = options.Timeout;
        var service = options.Blob.ConnectionString is { Length: > 0 } connection
            ? new BlobServiceClient(connection, client)
            : new BlobServiceClient(options.Blob.ServiceUri, new DefaultAzureCredential(), client);
        return service.GetBlobContainerClient(options.Blob.Container);
    }

    /// <summary>The card kept under <paramref name="key"/>, or null when there is none or the store did not answer in time.</summary>
    public async Task<RenderedCard?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        if (!_breaker.TryEnter())
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            var blob = await _container.GetBlobClient(BlobName(key)).DownloadContentAsync(timeout.Token).ConfigureAwait(false);
            var details = blob.Value.Details;
            _breaker.Succeeded();
            _metrics.Hit(Tier);
            return new RenderedCard(
                blob.Value.Content.ToMemory(),
                details.ContentType,
                details.Metadata.TryGetValue(ETagMetadata, out var etag) ? etag : key,
                details.Metadata.TryGetValue(MissingMetadata, out var missing) ? ParseCodePoints(missing) : []);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            _breaker.Succeeded();
            _metrics.Miss(Tier);
            return null;
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            Failed(e, "read", key);
            return null;
        }
    }

    /// <summary>Keeps <paramref name="card"/> under <paramref name="key"/> unless a card is already there; failures are logged and counted.</summary>
    public async Task WriteAsync(string key, RenderedCard card, string cacheControl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (!_breaker.TryEnter())
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var upload = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = card.ContentType, CacheControl = cacheControl },
            Metadata = new Dictionary<string, string>
            {
                [ETagMetadata] = card.ETag,
                [MissingMetadata] = string.Join(',', card.MissingCodePoints.Select(c => c.ToString(CultureInfo.InvariantCulture))),
            },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        var blob = _container.GetBlobClient(BlobName(key));
        try
        {
            try
            {
                await blob.UploadAsync(new BinaryData(card.Bytes), upload, timeout.Token).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
            {
                // A new account, or a store that came back empty: make the container once and write again.
                await _container.CreateIfNotExistsAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
                await blob.UploadAsync(new BinaryData(card.Bytes), upload, timeout.Token).ConfigureAwait(false);
            }

            _breaker.Succeeded();
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another instance stored this card first; it holds the same bytes, since a key names its content.
            _breaker.Succeeded();
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            Failed(e, "write", key);
        }
    }

    // The caller's own cancellation is not the store's fault and goes on; a timeout, a refused connection or an error status is.
    private static bool IsStoreFailure(Exception e, CancellationToken callerToken) =>
        e is RequestFailedException or AggregateException or HttpRequestException or IOException or AuthenticationFailedException
        || (e is OperationCanceledException && !callerToken.IsCancellationRequested);

    private void Failed(Exception e, string operation, string key)
    {
        _breaker.Failed();
        _metrics.Failure(Tier, operation);
        LogFailure(_logger, operation, key, e.GetType().Name, e.Message.Split('\n')[0]);
    }

    private static string BlobName(string key) => key.Trim('"');

    private static ImmutableArray<int> ParseCodePoints(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var codePoint) ? codePoint : -1)
            .Where(c => c >= 0)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card store blob {Operation} of {Key} failed ({Kind}: {Reason}); answering without the store.")]
    private static partial void LogFailure(ILogger logger, string operation, string key, string kind, string reason);
}
