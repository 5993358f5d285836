using System.Diagnostics.Metrics;
using CardService.Core.Telemetry;

namespace CardService.Functions.Tests.Support;

/// <summary>
/// Listens to <c>cardservice.store.skipped</c> on the CardService meter and totals it for one store tier. The meter is the
/// process's one, so a test reads the change over its own steps, for a tier only its class opens a breaker on.
/// </summary>
public sealed class SkipCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public SkipCounter(string tier)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // By name: the instrument may be published from CardServiceTelemetry's static constructor, before its field is set.
            if (instrument.Meter.Name == CardServiceTelemetry.Name && instrument.Name == "cardservice.store.skipped")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == CardServiceTelemetry.Tags.StoreTier && Equals(tag.Value, tier))
                {
                    Interlocked.Add(ref _total, value);
                }
            }
        });
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
