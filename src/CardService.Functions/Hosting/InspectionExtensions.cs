using CardService.Core.Fetching;
using CardService.Core.Inspection;
using CardService.Functions.Endpoints;

namespace CardService.Functions.Hosting;

/// <summary>
/// Registers the page inspector behind <c>/meta</c> and <c>/validate</c> and its request limits (validated at start); with
/// Redis configured (<see cref="StorageExtensions.AddCardStorage"/>) it shares inspections through it.
/// </summary>
public static class InspectionExtensions
{
    /// <summary>Needs <see cref="FetchingExtensions.AddPageFetching"/>: every page, robots.txt and image goes through its fetcher.</summary>
    public static IServiceCollection AddPageInspection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSettings<InspectRequestOptions>(configuration, InspectRequestOptions.SectionName);
        services.AddSingleton(sp => new PageInspector(
            sp.GetRequiredService<PageLoader>(), sp.GetRequiredService<PageFetcher>(), sp.GetService<TimeProvider>(),
            sp.GetService<ISharedInspections>()));
        return services;
    }
}
