using CardService.Functions.Endpoints;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CardService.Functions.Hosting;

/// <summary>CORS for browser callers of every endpoint, from <see cref="CrossOriginOptions"/> (validated at start).</summary>
public static class CrossOriginExtensions
{
    public const string PolicyName = "BrowserCallers";

    /// <summary>Headers a page's script may read besides the CORS-safelisted ones: the card's cache tag, glyph report, answering tier and sources.</summary>
    public static IReadOnlyList<string> ExposedHeaders { get; } =
        [HeaderNames.ETag, CardEndpoints.MissingGlyphsHeader, CardEndpoints.TierHeader, .. CardEndpoints.SourceHeaders];

    public static IServiceCollection AddCrossOriginCallers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CrossOriginOptions>().Bind(configuration.GetSection(CrossOriginOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CrossOriginOptions>>((cors, origins) => cors.AddPolicy(PolicyName, PolicyFor(origins.Value)));
        return services;
    }

    /// <summary>
    /// Answers preflights and adds the CORS headers to every answer, problems and 304s included. With listed origins every
    /// answer also says <c>Vary: Origin</c>, even to a request without one: a CDN keeps cards for a year and must not hand
    /// one origin's answer (or an answer without CORS headers) to another.
    /// </summary>
    public static IApplicationBuilder UseCrossOriginCallers(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Before UseCors: it ends preflights itself.
        if (!app.ApplicationServices.GetRequiredService<IOptions<CrossOriginOptions>>().Value.AllowsAnyOrigin)
        {
            app.Use((context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    var vary = context.Response.Headers.Vary;
                    if (!vary.Any(v => v is not null && v.Contains(HeaderNames.Origin, StringComparison.OrdinalIgnoreCase)))
                    {
                        context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
                    }

                    return Task.CompletedTask;
                });
                return next(context);
            });
        }

        return app.UseCors(PolicyName);
    }

    /// <summary>GET, HEAD and POST with a JSON body or If-None-Match; never credentials, so '*' is safe and caches need no Vary.</summary>
    internal static CorsPolicy PolicyFor(CrossOriginOptions options)
    {
        var policy = new CorsPolicyBuilder()
            .WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Post)
            .WithHeaders(HeaderNames.ContentType, HeaderNames.IfNoneMatch)
            .WithExposedHeaders([.. ExposedHeaders])
            .SetPreflightMaxAge(TimeSpan.FromSeconds(options.PreflightMaxAgeSeconds));
        return (options.AllowsAnyOrigin ? policy.AllowAnyOrigin() : policy.WithOrigins(options.AllowedOrigins)).Build();
    }
}
