using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Hosting;

/// <summary>
/// One structured log line per request: method, route, status, duration, the cache tier that answered and, under Azure
/// Functions, the invocation id. With the JSON console formatter each value is a field of the line's <c>State</c>.
/// </summary>
/// <remarks>
/// When the JSON console is the only log provider (the plain server in a container), the line is written by
/// <see cref="RequestLogWriter"/> in the console formatter's shape: the console logger formats each message into a string
/// and writes it with a system call of its own, which cost a cached card a third of its CPU time (docs/PERFORMANCE.md).
/// Anywhere else (a terminal, the Functions worker) it goes through <see cref="ILogger"/> as before.
/// </remarks>
public static partial class RequestLog
{
    /// <summary>Sent by the Functions host to a custom handler with each request.</summary>
    public const string FunctionsInvocationHeader = "x-azure-functions-invocationid";

    /// <summary>Carried by requests that went through the Functions front end and the isolated worker.</summary>
    public const string InvocationHeader = "x-ms-invocation-id";

    /// <summary>The category every request line is logged under.</summary>
    public const string Category = "CardService.Requests";

    private const int EventId = 1;
    private const string MessageFormat = "{Method} {Route} answered {Status} in {DurationMs} ms (cache {CacheTier}, invocation {InvocationId})";

    // Each thread formats its lines into a buffer of its own, reused; the writer copies the line out.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_line;
    [ThreadStatic] private static Utf8JsonWriter? t_json;

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
        var services = app.ApplicationServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        var json = OnlyJsonConsole(services)
            ? new JsonLines(services.GetRequiredService<RequestLogWriter>(), services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>(),
                services.GetService<TimeProvider>() ?? TimeProvider.System)
            : null;
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
                    if (json is not null)
                    {
                        json.Write(request.Method, route, context.Response.StatusCode, durationMs, feature.CacheTier, invocation);
                    }
                    else
                    {
                        Answered(logger, request.Method, route, context.Response.StatusCode, durationMs, feature.CacheTier, invocation);
                    }
                }
            }
        });
    }

    // Any other provider (the worker's, a test's) must see the line too, so only a lone JSON console takes the short way.
    private static bool OnlyJsonConsole(IServiceProvider services) =>
        services.GetServices<ILoggerProvider>().ToList() is [ConsoleLoggerProvider]
        && services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName == ConsoleFormatterNames.Json;

    [LoggerMessage(EventId = EventId, EventName = "RequestAnswered", Level = LogLevel.Information, Message = MessageFormat)]
    private static partial void Answered(ILogger logger, string method, string route, int status, double durationMs, string? cacheTier, string? invocationId);

    /// <summary>The JSON console formatter's line (timestamp, event id, level, category, message, state), written directly.</summary>
    private sealed class JsonLines(RequestLogWriter writer, IOptionsMonitor<JsonConsoleFormatterOptions> options, TimeProvider time)
    {
        // Names and fixed values are encoded once: only the request's own values are checked for escaping on each line.
        private static readonly JsonEncodedText TimestampName = JsonEncodedText.Encode("Timestamp");
        private static readonly JsonEncodedText EventIdName = JsonEncodedText.Encode("EventId");
        private static readonly JsonEncodedText LogLevelName = JsonEncodedText.Encode("LogLevel");
        private static readonly JsonEncodedText Information = JsonEncodedText.Encode(nameof(LogLevel.Information));
        private static readonly JsonEncodedText CategoryName = JsonEncodedText.Encode("Category");
        private static readonly JsonEncodedText CategoryValue = JsonEncodedText.Encode(Category);
        private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("Message");
        private static readonly JsonEncodedText StateName = JsonEncodedText.Encode("State");
        private static readonly JsonEncodedText MethodName = JsonEncodedText.Encode("Method");
        private static readonly JsonEncodedText RouteName = JsonEncodedText.Encode("Route");
        private static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("Status");
        private static readonly JsonEncodedText DurationMsName = JsonEncodedText.Encode("DurationMs");
        private static readonly JsonEncodedText CacheTierName = JsonEncodedText.Encode("CacheTier");
        private static readonly JsonEncodedText InvocationIdName = JsonEncodedText.Encode("InvocationId");
        private static readonly JsonEncodedText OriginalFormatName = JsonEncodedText.Encode("{OriginalFormat}");
        private static readonly JsonEncodedText OriginalFormat = JsonEncodedText.Encode(MessageFormat);

        public void Write(string method, string route, int status, double durationMs, string? cacheTier, string? invocation)
        {
            var line = t_line ??= new ArrayBufferWriter<byte>(512);
            line.ResetWrittenCount();
            var json = t_json ??= new Utf8JsonWriter(line, new JsonWriterOptions { SkipValidation = true });
            json.Reset(line);

            var format = options.CurrentValue;
            json.WriteStartObject();
            if (format.TimestampFormat is { } timestampFormat)
            {
                var now = format.UseUtcTimestamp ? time.GetUtcNow() : time.GetLocalNow();
                Span<char> stamp = stackalloc char[64];
                if (now.TryFormat(stamp, out var written, timestampFormat, CultureInfo.InvariantCulture))
                {
                    json.WriteString(TimestampName, stamp[..written]);
                }
            }

            json.WriteNumber(EventIdName, EventId);
            json.WriteString(LogLevelName, Information);
            json.WriteString(CategoryName, CategoryValue);
            WriteMessage(json, method, route, status, durationMs, cacheTier, invocation);
            json.WriteStartObject(StateName);
            json.WriteString(MethodName, method);
            json.WriteString(RouteName, route);
            json.WriteNumber(StatusName, status);
            json.WriteNumber(DurationMsName, durationMs);
            json.WriteString(CacheTierName, cacheTier);
            json.WriteString(InvocationIdName, invocation);
            json.WriteString(OriginalFormatName, OriginalFormat);
            json.WriteEndObject();
            json.WriteEndObject();
            json.Flush();
            line.Write("\n"u8);
            writer.Write(line.WrittenSpan);
        }

        // As LoggerMessage formats it (invariant culture, null as "(null)"), without building a string.
        private static void WriteMessage(Utf8JsonWriter json, string method, string route, int status, double durationMs, string? cacheTier, string? invocation)
        {
            var length = method.Length + route.Length + (invocation?.Length ?? 6) + 128;
            var rented = ArrayPool<char>.Shared.Rent(length);
            try
            {
                rented.AsSpan().TryWrite(CultureInfo.InvariantCulture,
                    $"{method} {route} answered {status} in {durationMs} ms (cache {cacheTier ?? "(null)"}, invocation {invocation ?? "(null)"})",
                    out var written);
                json.WriteString(MessageName, rented.AsSpan(0, written));
            }
            finally
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private sealed class RequestLogFeature
    {
        public string? CacheTier { get; set; }
    }
}
