using CardService.Functions.Hosting;

namespace CardService.Functions.Limits;

/// <summary>Registers the per-client limit on requests that fetch other sites (<see cref="RateLimitOptions"/>, validated at start).</summary>
public static class LimitsExtensions
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSettings<RateLimitOptions>(configuration, RateLimitOptions.SectionName);
        services.AddSingleton<FetchRateLimiter>();
        return services;
    }

    /// <summary>Counts every request to this endpoint against its client's fetch budget; over it, 429 with Retry-After.</summary>
    public static RouteHandlerBuilder RequireFetchRateLimit(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter(static async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<FetchRateLimiter>().Check(context.HttpContext) ?? await next(context))
        .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
