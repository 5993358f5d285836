using CardService.Core.Telemetry;

namespace CardService.Functions.Storage;

/// <summary>Whether a shared store is asked: <c>Closed</c> (yes), <c>Open</c> (no, for a cool-down), <c>HalfOpen</c> (one trial call).</summary>
public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// A circuit breaker in front of one shared store (blob or Redis). A store that fails or times out costs each request up to
/// the store timeout; after <c>CardStore:BreakerFailures</c> such calls in a row the store is skipped (a miss, counted as
/// <c>cardservice.store.skipped</c>) for <c>CardStore:BreakerOpenSeconds</c>, then one call tries it: an answer closes the
/// breaker, a failure opens it for another cool-down. Each change of state is logged once. Thread-safe.
/// </summary>
public sealed partial class StoreBreaker
{
    private readonly string _tier;
    private readonly int _failuresToOpen;
    private readonly TimeSpan _openFor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset _openedAt;

    public StoreBreaker(string tier, int failuresToOpen, TimeSpan openFor, TimeProvider? time, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failuresToOpen, 1);
        _tier = tier;
        _failuresToOpen = failuresToOpen;
        _openFor = openFor;
        _time = time ?? TimeProvider.System;
        _logger = logger;
    }

    public BreakerState State { get; private set; } = BreakerState.Closed;

    /// <summary>Whether this call may ask the store; false (counted) while the breaker is open.</summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            if (State == BreakerState.Closed)
            {
                return true;
            }

            // One trial call per cool-down: a trial that never reports (its caller gave up) lets the next one try after another.
            if (_time.GetUtcNow() - _openedAt >= _openFor)
            {
                _openedAt = _time.GetUtcNow();
                Change(BreakerState.HalfOpen);
                return true;
            }
        }

        CardServiceTelemetry.RecordStoreSkip(_tier);
        return false;
    }

    /// <summary>The store answered (a miss is an answer).</summary>
    public void Succeeded()
    {
        lock (_gate)
        {
            _failures = 0;
            if (State != BreakerState.Closed)
            {
                Change(BreakerState.Closed);
            }
        }
    }

    /// <summary>The store failed or timed out.</summary>
    public void Failed()
    {
        lock (_gate)
        {
            _failures++;
            if (State == BreakerState.HalfOpen || (State == BreakerState.Closed && _failures >= _failuresToOpen))
            {
                _openedAt = _time.GetUtcNow();
                Change(BreakerState.Open);
            }
        }
    }

    private void Change(BreakerState state)
    {
        var from = State;
        State = state;
        switch (state)
        {
            case BreakerState.Open:
                LogOpened(_logger, _tier, _failures, _openFor.TotalSeconds, from);
                break;
            case BreakerState.HalfOpen:
                LogTrying(_logger, _tier, _openFor.TotalSeconds);
                break;
            default:
                LogClosed(_logger, _tier);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Tier} store failed {Failures} times in a row (breaker was {From}); skipping it for {Seconds} s.")]
    private static partial void LogOpened(ILogger logger, string tier, int failures, double seconds, BreakerState from);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trying the {Tier} store again after {Seconds} s skipped.")]
    private static partial void LogTrying(ILogger logger, string tier, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Tier} store answers again; using it.")]
    private static partial void LogClosed(ILogger logger, string tier);
}
