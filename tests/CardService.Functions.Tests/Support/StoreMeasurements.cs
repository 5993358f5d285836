using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CardService.Core.Telemetry;
using CardService.Functions.Storage;

namespace CardService.Functions.Tests.Support;

/// <summary>
/// A <see cref="StoreMetrics"/> on a meter of its own (so other tests' measurements stay out) and the totals it
/// recorded, by instrument and tier: <c>Count("cardservice.store.failures", "blob")</c>.
/// </summary>
public sealed class StoreMeasurements : IDisposable
{
    private readonly Meter _meter = new("CardService.Tests." + Guid.NewGuid().ToString("N"));
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Tier), long> _totals = new();

    public StoreMeasurements()
    {
        Metrics = new StoreMetrics(_meter);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? tier = null;
            foreach (var tag in tags)
            {
                if (tag.Key == CardServiceTelemetry.Tags.CacheTier)
                {
                    tier = tag.Value as string;
                }
            }

            _totals.AddOrUpdate((instrument.Name, tier), value, (_, total) => total + value);
        });
        _listener.Start();
    }

    public StoreMetrics Metrics { get; }

    public long Count(string instrument, string? tier = null) => _totals.GetValueOrDefault((instrument, tier));

    public void Dispose()
    {
        _listener.Dispose();
        _meter.Dispose();
    }
}
