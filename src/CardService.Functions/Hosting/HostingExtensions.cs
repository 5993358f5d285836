using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using CardService.Functions.Endpoints;
using CardService.Functions.Limits;
using CardService.Functions.Preview;
using CardService.Functions.Signing;
using Microsoft.AspNetCore.WebUtilities;

namespace CardService.Functions.Hosting;

/// <summary>Everything about being a well-behaved HTTP host, kept out of Program.cs.</summary>
public static partial class HostingExtensions
{
    /// <summary>The category a request that failed with an exception is logged under, with the traceId its problem carries.</summary>
    public const string FailureCategory = "CardService.Failures";

    /// <summary>
    /// The plain server's own concerns: port rules (<see cref="HostingPorts"/>) and console logs
    /// (<see cref="TelemetryExtensions.AddCardServiceConsole"/>). The Functions worker has neither: the worker extension picks its
    /// port, and its logs go to the host.
    /// </summary>
    public static WebApplicationBuilder AddPlainServerHosting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        try
        {
            builder.WebHost.UseUrls([.. HostingPorts.Resolve(Environment.GetEnvironmentVariables())]);
        }
        catch (InvalidOperationException e)
        {
            // Reported with the settings' problems by RunChecked, once, without a stack trace.
            builder.Services.AddSingleton(new StartupProblem(e.Message));
        }

        builder.Logging.AddCardServiceConsole();
        return builder;
    }

    /// <summary>
    /// Everything both hosts share: CORS (<see cref="CrossOriginOptions"/>), one problem+json error shape, JSON options (camelCase,
    /// nulls omitted, enums as strings), OpenAPI, and the features (cards, page reading and judging, the preview page).
    /// </summary>
    public static IServiceCollection AddCardService(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCrossOriginCallers(configuration);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Customize);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddCardServiceOpenApi();
        services.AddCardServiceTelemetry(configuration);
        services.AddCardRendering(configuration);
        services.AddCardStorage(configuration);
        services.AddPageFetching(configuration);
        services.AddPageInspection(configuration);
        services.AddPreviewPages(configuration);
        services.AddCardSigning(configuration);
        services.AddRequestLimits(configuration);
        return services;
    }

    /// <summary>
    /// The one request pipeline both hosts run: the request log, routing, then <see cref="UseCardServiceHosting"/>, then every endpoint. The plain
    /// server runs it as its app; the Functions worker hands each function's HttpContext to it (<c>Functions/HttpFunctions.cs</c>).
    /// </summary>
    public static IApplicationBuilder UseCardService(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The request log wraps everything, so its line carries the status the exception handler wrote.
        app.UseCardServiceTelemetry();
        // Routing next, as WebApplication does when left to itself: CORS and the exception handler see the chosen endpoint.
        app.UseRouting();
        app.UseCardServiceHosting();
        app.UseEndpoints(endpoints => endpoints.MapCardServiceEndpoints());
        return app;
    }

    /// <summary>The route table: every endpoint of the API and the preview page.</summary>
    public static IEndpointRouteBuilder MapCardServiceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCardServiceOpenApi();
        endpoints.MapHealthEndpoints();
        endpoints.MapCardEndpoints();
        endpoints.MapMetaEndpoints();
        endpoints.MapValidateEndpoints();
        endpoints.MapRulesEndpoints();
        endpoints.MapPreviewPages();
        return endpoints;
    }

    /// <summary>
    /// CORS for browsers (<see cref="CrossOriginOptions"/>), <c>X-Content-Type-Options: nosniff</c> on every answer, exception
    /// handler and status-code pages (both write problems).
    /// </summary>
    private static IApplicationBuilder UseCardServiceHosting(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // First, so that problems and 304s carry the CORS headers too (they are added as the response starts).
        app.UseCrossOriginCallers();
        app.Use(AnswerHeaders);
        // The handler's own log line would not carry the traceId the client is given: Customize logs the failure with it instead.
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor, SuppressDiagnosticsCallback = static _ => true });
        app.UseStatusCodePages();
        return app;
    }

    // Set as each answer starts, since the exception handler clears headers: nosniff on every answer (JSON or image, it is to be
    // taken as the type it declares), and on a 503 (render or fetch slots full) when to retry, whichever path answered it.
    private static Task AnswerHeaders(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(static state =>
        {
            var response = (HttpResponse)state;
            response.Headers.XContentTypeOptions = "nosniff";
            if (response.StatusCode == StatusCodes.Status503ServiceUnavailable && response.Headers.RetryAfter.Count == 0)
            {
                response.Headers.RetryAfter = "1";
            }

            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }

    // A request the server could not read (a body cut short, say) is the client's problem, not a 500.
    private static int StatusFor(Exception exception) =>
        exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        var typed = problem.Type is { } type && type.StartsWith(ProblemTypes.Base, StringComparison.Ordinal) && type != ProblemTypes.InternalError;
        if (!typed)
        {
            problem.Type = ProblemTypes.ForStatus(status);
        }

        if (context.Exception is BadHttpRequestException && status < 500)
        {
            // Kestrel's own words ("Unexpected end of request content") say what was wrong with the request, and nothing about us.
            problem.Title = "Unreadable request";
            problem.Detail = $"The request could not be read: {context.Exception.Message}";
        }
        else if (context.Exception is not null || (status >= 500 && !typed))
        {
            // Whatever went wrong stays in the log: no message, no stack trace, no exception type to the client.
            problem.Title = "Server failure";
            problem.Detail = "The server failed while answering this request; the failure is logged under this traceId.";
            problem.Extensions.Remove("exception");
            problem.Extensions.Remove("errors");
        }
        else
        {
            problem.Detail ??= status switch
            {
                404 => $"Nothing is served at '{request.Path}'.",
                405 => $"'{request.Path}' does not answer {request.Method}.",
                415 => "Send the body as JSON with Content-Type: application/json.",
                _ => $"The request was answered with HTTP {status} ({ReasonPhrases.GetReasonPhrase(status)}).",
            };
        }

        problem.Instance ??= context.HttpContext.Request.Path;
        var traceId = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        problem.Extensions["traceId"] = traceId;
        if (context.Exception is { } exception)
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(FailureCategory);
            var path = request.Path.Value ?? "/";
            if (status >= 500)
            {
                Failed(logger, exception, request.Method, path, traceId);
            }
            else
            {
                Unreadable(logger, request.Method, path, status, traceId, exception.Message);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "{Method} {Path} failed (traceId {TraceId})")]
    private static partial void Failed(ILogger logger, Exception exception, string method, string path, string traceId);

    // The client's fault (a body cut short): no stack trace, and not an error of ours.
    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Method} {Path} could not be read, answered {Status} (traceId {TraceId}): {Reason}")]
    private static partial void Unreadable(ILogger logger, string method, string path, int status, string traceId, string reason);
}
