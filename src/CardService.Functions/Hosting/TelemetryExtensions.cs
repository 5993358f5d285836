using CardService.Core.Telemetry;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CardService.Functions.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, outbound HTTP, the .NET runtime and CardService's own source and meter),
/// exported over OTLP when an endpoint is configured, and console logs: JSON lines, or readable lines on a terminal.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The OpenTelemetry service name (a resource attribute on every span and metric).</summary>
    public const string ServiceName = "cardservice";

    /// <summary>ASP.NET Core's rate limiter reports its rejections on this meter (<c>aspnetcore.rate_limiting.requests</c>).</summary>
    public const string RateLimitingMeter = "Microsoft.AspNetCore.RateLimiting";

    // The standard variable the OTLP exporter reads by itself.
    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Traces and metrics, for both hosts; collected only when an exporter is configured or <c>Telemetry:Enabled</c> is true.</summary>
    public static IServiceCollection AddCardServiceTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSettings<TelemetryOptions>(configuration, TelemetryOptions.SectionName);
        // Made only when the request log writes to a lone JSON console (RequestLog); disposed, and so drained, at shutdown.
        services.AddSingleton(_ => new RequestLogWriter(Console.OpenStandardOutput()));

        var section = configuration.GetSection(TelemetryOptions.SectionName);
        var endpoint = section[nameof(TelemetryOptions.OtlpEndpoint)];
        var collector = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : null;
        var fromEnvironment = !string.IsNullOrEmpty(configuration[OtlpEndpointVariable]);
        if (!section.GetValue(nameof(TelemetryOptions.Enabled), defaultValue: collector is not null || fromEnvironment))
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(CardServiceTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/healthz"))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(CardServiceTelemetry.Name, RateLimitingMeter)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        if (collector is not null)
        {
            telemetry.UseOtlpExporter(OtlpExportProtocol.Grpc, collector);
        }
        else if (fromEnvironment)
        {
            // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and _PROTOCOL, _HEADERS) itself.
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    /// <summary>Logs each request once (<see cref="RequestLog"/>) unless <c>Telemetry:LogRequests</c> is false; call it first.</summary>
    public static IApplicationBuilder UseCardServiceTelemetry(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        if (configuration.GetValue($"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.LogRequests)}", defaultValue: true))
        {
            app.UseRequestLog();
        }

        return app;
    }

    /// <summary>
    /// The plain server's console logs: <c>Logging:Console:FormatterName</c> chooses (json | simple | systemd); unset, a terminal
    /// gets readable lines and anything else (a container, k3s) one JSON object per line. The worker's logs go to the host.
    /// </summary>
    public static ILoggingBuilder AddCardServiceConsole(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.AddConsole(o => o.FormatterName ??= Console.IsOutputRedirected ? ConsoleFormatterNames.Json : ConsoleFormatterNames.Simple);
        logging.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        logging.Services.Configure<SimpleConsoleFormatterOptions>(o => o.SingleLine = true);
        return logging;
    }
}
