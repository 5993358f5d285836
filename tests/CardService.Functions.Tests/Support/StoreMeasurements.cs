using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CardService.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CardService.Functions.Tests.Support;

/// <summary>
/// A <see cref="StoreMetrics"/> of its own (its own meter factory, so other tests' measurements stay out) and the totals it
/// recorded, by instrument and tier: <c>Count("cardservice.store.failures", "blob")</c>.
/// </summary>
public sealed class StoreMeasurements : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Tier), long> _totals = new();

    public StoreMeasurements()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new StoreMetrics(factory);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? tier = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "tier")
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
        _services.Dispose();
    }
}
