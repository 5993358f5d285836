using System.ComponentModel.DataAnnotations;

namespace CardService.Functions.Hosting;

/// <summary>Where traces and metrics go, and whether each request is logged (README "Telemetry").</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// An OTLP collector (<c>http://collector:4317</c>); traces and metrics are exported there. The standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable does the same; with neither, nothing is exported.
    /// </summary>
    [Url]
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// Collect traces and metrics through OpenTelemetry. Unset, they are collected when an OTLP endpoint is configured:
    /// without an exporter they would go nowhere and cost every request. (The <c>CardService</c> meter's instruments exist
    /// either way, for <c>dotnet-counters</c>.)
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>One log line per request (method, route, status, duration, cache tier, invocation id). Default on.</summary>
    public bool LogRequests { get; set; } = true;
}
