using CardService.Core.Cards;
using CardService.Core.Cards.FromPage;
using CardService.Core.Fetching;
using CardService.Core.Fonts;
using CardService.Core.Inspection;
using CardService.Functions.Caching;
using CardService.Functions.Endpoints;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Hosting;

/// <summary>Registers the renderer, its fonts, the card cache, the page-card resolver and the card API's options; all options are validated at start.</summary>
public static class CardRenderingExtensions
{
    public static IServiceCollection AddCardRendering(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddSettings<FontOptions>(configuration, FontOptions.SectionName);
        services.AddSingleton<IValidateOptions<FontOptions>, FontFilesUsable>();
        services.AddSettings<CardCacheOptions>(configuration, CardCacheOptions.SectionName);
        services.AddSettings<CardRequestOptions>(configuration, CardRequestOptions.SectionName);
        services.AddSettings<CardRenderingOptions>(configuration, CardRenderingOptions.SectionName);
        services.AddSingleton<IValidateOptions<CardRenderingOptions>, HeapHoldsTheCaches>();

        services.AddSingleton(sp => new FontRegistry(sp.GetRequiredService<IOptions<FontOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var rendering = sp.GetRequiredService<IOptions<CardRenderingOptions>>().Value;
            NativeHeap.Configure(rendering.MallocArenas, rendering.MallocMmapThresholdBytes);
            ManagedHeap.Limit(rendering.ManagedHeapLimitBytes);
            return new CardRenderer(sp.GetRequiredService<FontRegistry>(), rendering);
        });
        services.AddSingleton(sp => new RenderGate(sp.GetRequiredService<IOptions<CardRenderingOptions>>().Value));
        services.AddSingleton<CardCache>();
        services.AddSingleton<QueryETags>();
        services.AddSingleton<CardRendering>();

        // Cards from a page (url=) and remote logos/backgrounds; the fetcher and loader come from AddPageFetching.
        services.AddSettings<PageCardOptions>(configuration, PageCardOptions.SectionName);
        services.AddSingleton(sp => new CardResolver(
            sp.GetRequiredService<PageLoader>(),
            sp.GetRequiredService<PageFetcher>(),
            sp.GetRequiredService<IOptions<PageCardOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetRequiredService<IOptions<CardRenderingOptions>>().Value,
            sp.GetService<ISharedPageCards>()));
        return services;
    }

    /// <summary>
    /// A managed-heap cap below what the caches may hold would end in out-of-memory errors once they fill: the caches kept
    /// as managed bytes (cards, fetched images, fetched pages and image probes, decoded backgrounds, kept surfaces) plus a working margin must fit under it.
    /// </summary>
    private sealed class HeapHoldsTheCaches(IOptions<CardCacheOptions> cards, IOptions<PageCardOptions> pageCards, IOptions<FetchOptions> fetch)
        : IValidateOptions<CardRenderingOptions>
    {
        private const long WorkingBytes = 32L * 1024 * 1024;

        public ValidateOptionsResult Validate(string? name, CardRenderingOptions options)
        {
            if (options.ManagedHeapLimitBytes == 0)
            {
                return ValidateOptionsResult.Skip;
            }

            long caches;
            try
            {
                caches = cards.Value.MaxBytes + pageCards.Value.MaxCachedImageBytes + 2 * fetch.Value.MaxReusedBytes
                    + options.CoverCacheBytes + options.SurfacePoolBytes;
            }
            catch (OptionsValidationException)
            {
                return ValidateOptionsResult.Skip; // a cache setting that is itself invalid is reported once, by its own section
            }

            return options.ManagedHeapLimitBytes >= caches + WorkingBytes
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{CardRenderingOptions.SectionName}:{nameof(CardRenderingOptions.ManagedHeapLimitBytes)} is {options.ManagedHeapLimitBytes}, "
                    + $"less than the caches may hold ({caches}: {CardCacheOptions.SectionName}:MaxBytes + {PageCardOptions.SectionName}:MaxCachedImageBytes "
                    + $"+ 2 × {FetchOptions.SectionName}:MaxReusedBytes + {CardRenderingOptions.SectionName}:CoverCacheBytes + {CardRenderingOptions.SectionName}:SurfacePoolBytes) plus {WorkingBytes} to work in; raise it or lower a cache.");
        }
    }

    /// <summary>A missing font folder or a brand font that does not load is a broken deployment: say so at start, not on the first card.</summary>
    private sealed class FontFilesUsable : IValidateOptions<FontOptions>
    {
        public ValidateOptionsResult Validate(string? name, FontOptions options)
        {
            var problems = new List<string>();
            if (!Directory.Exists(options.Directory))
            {
                problems.Add($"{FontOptions.SectionName}:{nameof(FontOptions.Directory)} '{options.Directory}' does not exist.");
            }

            foreach (var (setting, path) in new[] { (nameof(FontOptions.Title), options.Title), (nameof(FontOptions.Body), options.Body) })
            {
                if (!string.IsNullOrWhiteSpace(path))
                {
                    var (face, problem) = BrandFont.Open(path);
                    face?.Dispose();
                    if (problem is not null)
                    {
                        problems.Add($"{FontOptions.SectionName}:{setting}: {problem}");
                    }
                }
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
