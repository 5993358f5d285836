using CardService.Core.Cards.FromPage;
using CardService.Core.Inspection;
using CardService.Core.Telemetry;
using CardService.Functions.Caching;
using CardService.Functions.Storage;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CardService.Functions.Hosting;

/// <summary>
/// Registers the card tiers (memory, then the blob store when <c>CardStore:Kind</c> is <c>blob</c>) and HybridCache, with
/// Redis under it when <c>Redis:Configuration</c> is set; both sections are validated at start.
/// </summary>
public static class StorageExtensions
{
    public static IServiceCollection AddCardStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSettings<CardStoreOptions>(configuration, CardStoreOptions.SectionName);
        services.AddSingleton<IValidateOptions<CardStoreOptions>, CardStoreSettingsValid>();
        services.AddSettings<RedisOptions>(configuration, RedisOptions.SectionName);
        services.AddSingleton(new StoreMetrics(CardServiceTelemetry.Meter));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CardStoreOptions>>().Value;
            var shared = options.UsesBlob
                ? new BlobCardStore(BlobCardStore.ContainerFor(options), options.Timeout, sp.GetRequiredService<StoreMetrics>(),
                    sp.GetRequiredService<ILogger<BlobCardStore>>(),
                    options.BreakerFor(BlobCardStore.Tier, sp.GetService<TimeProvider>(), sp.GetRequiredService<ILogger<StoreBreaker>>()))
                : null;
            return new CardStore(sp.GetRequiredService<CardCache>(), sp.GetRequiredService<StoreMetrics>(), shared);
        });

        services.AddSingleton<IValidateOptions<RedisOptions>, RedisConfigurationParses>();
        if (configuration[$"{RedisOptions.SectionName}:{nameof(RedisOptions.Configuration)}"] is { Length: > 0 })
        {
            // HybridCache takes the registered IDistributedCache as its shared tier; without Redis it is memory only and unused.
            services.AddHybridCache().AddSerializer(new StoredJsonSerializer<PageInspection>(StoredJson.Default.PageInspection));
            services.AddSingleton<IDistributedCache>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<CardStoreOptions>>().Value;
                return new RedisTier(
                    sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration!,
                    options.Timeout,
                    sp.GetRequiredService<StoreMetrics>(),
                    sp.GetRequiredService<ILogger<RedisTier>>(),
                    options.BreakerFor(RedisTier.Tier, sp.GetService<TimeProvider>(), sp.GetRequiredService<ILogger<StoreBreaker>>()));
            });
            services.AddSingleton<ISharedPageCards, HybridPageCards>();
            services.AddSingleton<ISharedInspections, HybridInspections>();
        }

        return services;
    }

    /// <summary>Reports the kind and the blob account's problems alongside the DataAnnotations' ones.</summary>
    private sealed class CardStoreSettingsValid : IValidateOptions<CardStoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, CardStoreOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }

    /// <summary>A Redis configuration string that StackExchange.Redis cannot read is a broken deployment: say so at start.</summary>
    private sealed class RedisConfigurationParses : IValidateOptions<RedisOptions>
    {
        public ValidateOptionsResult Validate(string? name, RedisOptions options)
        {
            if (string.IsNullOrEmpty(options.Configuration))
            {
                return ValidateOptionsResult.Success;
            }

            try
            {
                return ConfigurationOptions.Parse(options.Configuration).EndPoints.Count > 0
                    ? ValidateOptionsResult.Success
                    : ValidateOptionsResult.Fail("Redis:Configuration names no host (write host:port, then options such as ssl=true,password=…).");
            }
            catch (ArgumentException e)
            {
                return ValidateOptionsResult.Fail($"Redis:Configuration is not a StackExchange.Redis configuration string: {e.Message}");
            }
        }
    }
}
