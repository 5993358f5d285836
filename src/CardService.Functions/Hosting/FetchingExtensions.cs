using CardService.Core.Fetching;
using CardService.Core.Inspection;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Hosting;

/// <summary>
/// Registers the one safe fetcher every page, probe, logo and background fetch goes through (its options validated at
/// start), and the loader that reads fetched pages.
/// </summary>
public static class FetchingExtensions
{
    public static IServiceCollection AddPageFetching(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FetchOptions>, FetchOptionsValid>();
        services.AddSingleton(sp => new PageFetcher(sp.GetRequiredService<IOptions<FetchOptions>>().Value, sp.GetService<TimeProvider>()));
        services.AddSingleton<PageLoader>();
        return services;
    }

    /// <summary>Reports every bad fetch setting at once (ranges and CIDR networks), naming the section.</summary>
    private sealed class FetchOptionsValid : IValidateOptions<FetchOptions>
    {
        public ValidateOptionsResult Validate(string? name, FetchOptions options)
        {
            var errors = options.Validate();
            return errors.IsEmpty
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(errors.Select(e => $"{FetchOptions.SectionName}: {e}"));
        }
    }
}
