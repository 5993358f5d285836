using System.Diagnostics;

namespace CardService.Functions.Hosting;

/// <summary>
/// One structured log line per request: method, route, status, duration, the cache tier that answered and, under Azure
/// Functions, the invocation id. With the JSON console formatter each value is a field of the line's <c>State</c>.
/// </summary>
public static partial class RequestLog
{
    /// <summary>Sent by the Functions host to a custom handler with each request.</summary>
    public const string FunctionsInvocationHeader = "x-azure-functions-invocationid";

    /// <summary>Carried by requests that went through the Functions front end and the isolated worker.</summary>
    public const string InvocationHeader = "x-ms-invocation-id";

    /// <summary>The category every request line is logged under.</summary>
    public const string Category = "CardService.Requests";

    /// <summary>Records which cache tier (<c>memory</c>, <c>blob</c>, …) answered this request, for its log line.</summary>
    public static void AnsweredFrom(HttpContext context, string tier)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<RequestLogFeature>() is { } feature)
        {
            feature.CacheTier = tier;
        }
    }

    /// <summary>Logs every request once it has been answered (after the exception handler wrote any problem).</summary>
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            var feature = new RequestLogFeature();
            context.Features.Set(feature);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var request = context.Request;
                var invocation = request.Headers[FunctionsInvocationHeader].FirstOrDefault() ?? request.Headers[InvocationHeader].FirstOrDefault();
                if (invocation is not null)
                {
                    Activity.Current?.SetTag("faas.invocation_id", invocation);
                }

                if (logger.IsEnabled(LogLevel.Information))
                {
                    var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? request.Path.Value ?? "/";
                    var durationMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
                    Answered(logger, request.Method, route, context.Response.StatusCode, durationMs, feature.CacheTier, invocation);
                }
            }
        });
    }

    [LoggerMessage(EventId = 1, EventName = "RequestAnswered", Level = LogLevel.Information,
        Message = "{Method} {Route} answered {Status} in {DurationMs} ms (cache {CacheTier}, invocation {InvocationId})")]
    private static partial void Answered(ILogger logger, string method, string route, int status, double durationMs, string? cacheTier, string? invocationId);

    private sealed class RequestLogFeature
    {
        public string? CacheTier { get; set; }
    }
}
