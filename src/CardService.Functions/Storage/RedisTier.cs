using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CardService.Functions.Storage;

/// <summary>
/// Redis as HybridCache's shared tier, held to the store timeout: every call answers within it, and a Redis that is down,
/// slow or failing is a miss (or a skipped write), logged and counted, never an exception. After a run of failures the
/// <see cref="StoreBreaker"/> skips Redis for a cool-down, then lets one call try it. The connection is made with
/// <c>abortConnect=false</c>, so it is made again in the background and used as soon as Redis is back.
/// </summary>
public sealed partial class RedisTier : IDistributedCache, IDisposable
{
    public const string Tier = "redis";

    private readonly RedisCache _redis;
    private readonly TimeSpan _timeout;
    private readonly StoreMetrics _metrics;
    private readonly ILogger<RedisTier> _logger;
    private readonly StoreBreaker _breaker;

    public RedisTier(string configuration, TimeSpan timeout, StoreMetrics metrics, ILogger<RedisTier> logger, StoreBreaker breaker)
    {
        ArgumentNullException.ThrowIfNull(breaker);
        _timeout = timeout;
        _metrics = metrics;
        _logger = logger;
        _breaker = breaker;
        _redis = new RedisCache(Options.Create(new RedisCacheOptions { ConfigurationOptions = ConnectionFor(configuration, timeout), InstanceName = "cardservice:" }));
    }

    /// <summary>The configuration string's options, bounded by the store timeout and never giving up on reconnecting.</summary>
    public static ConfigurationOptions ConnectionFor(string configuration, TimeSpan timeout)
    {
        var options = ConfigurationOptions.Parse(configuration);
        var milliseconds = (int)timeout.TotalMilliseconds;
        options.AbortOnConnectFail = false;

        // While Redis is away, fail at once instead of queueing behind the reconnect: the request goes on without it.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = milliseconds;
        options.SyncTimeout = milliseconds;
        options.AsyncTimeout = milliseconds;
        return options;
    }

    public byte[]? Get(string key) => Bounded(() => _redis.GetAsync(key), "read");

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var (answered, value) = await CallAsync(() => _redis.GetAsync(key, CancellationToken.None), "read", token).ConfigureAwait(false);
        if (answered)
        {
            // A call that was skipped or failed is neither: it is counted as such.
            if (value is null)
            {
                _metrics.Miss(Tier);
            }
            else
            {
                _metrics.Hit(Tier);
            }
        }

        return value;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        Bounded(async () => { await _redis.SetAsync(key, value, options).ConfigureAwait(false); return (byte[]?)null; }, "write");

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        BoundedAsync(async () => { await _redis.SetAsync(key, value, options, CancellationToken.None).ConfigureAwait(false); return (byte[]?)null; }, "write", token);

    public void Refresh(string key) => Bounded(async () => { await _redis.RefreshAsync(key).ConfigureAwait(false); return (byte[]?)null; }, "refresh");

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        BoundedAsync(async () => { await _redis.RefreshAsync(key, CancellationToken.None).ConfigureAwait(false); return (byte[]?)null; }, "refresh", token);

    public void Remove(string key) => Bounded(async () => { await _redis.RemoveAsync(key).ConfigureAwait(false); return (byte[]?)null; }, "remove");

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        BoundedAsync(async () => { await _redis.RemoveAsync(key, CancellationToken.None).ConfigureAwait(false); return (byte[]?)null; }, "remove", token);

    public void Dispose() => _redis.Dispose();

    private byte[]? Bounded(Func<Task<byte[]?>> call, string operation) => BoundedAsync(call, operation, CancellationToken.None).GetAwaiter().GetResult();

    private async Task<byte[]?> BoundedAsync(Func<Task<byte[]?>> call, string operation, CancellationToken cancellationToken) =>
        (await CallAsync(call, operation, cancellationToken).ConfigureAwait(false)).Value;

    // StackExchange.Redis does not stop a command for a token, so the wait is what is bounded; the command ends on its own.
    private async Task<(bool Answered, byte[]? Value)> CallAsync(Func<Task<byte[]?>> call, string operation, CancellationToken cancellationToken)
    {
        if (!_breaker.TryEnter())
        {
            return (false, null);
        }

        try
        {
            var value = await call().WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
            _breaker.Succeeded();
            return (true, value);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException or IOException)
        {
            _breaker.Failed();
            _metrics.Failure(Tier, operation);
            LogFailure(_logger, operation, e.GetType().Name, e.Message.Split('\n')[0]);
            return (false, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis {Operation} failed ({Kind}: {Reason}); answering without Redis.")]
    private static partial void LogFailure(ILogger logger, string operation, string kind, string reason);
}
