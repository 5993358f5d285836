using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace CardService.Functions.Hosting;

/// <summary>Everything about being a well-behaved HTTP host, kept out of Program.cs.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// Port rules (<see cref="HostingPorts"/>), CORS (<see cref="CrossOriginOptions"/>), one problem+json error shape, JSON options (camelCase, nulls omitted, enums as
    /// strings), OpenAPI and console logging.
    /// </summary>
    public static WebApplicationBuilder AddCardServiceHosting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.WebHost.UseUrls([.. HostingPorts.Resolve(Environment.GetEnvironmentVariables())]);

        // The Functions host relays stdout; one line per message keeps its log readable.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

        builder.Services.AddCrossOriginCallers(builder.Configuration);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Customize);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        builder.Services.AddCardServiceOpenApi();
        return builder;
    }

    /// <summary>CORS for browsers (<see cref="CrossOriginOptions"/>), exception handler and status-code pages (both write problems), the OpenAPI document at <c>/openapi/v1.json</c> and its reference page at <c>/docs</c>.</summary>
    public static WebApplication UseCardServiceHosting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // First, so that problems and 304s carry the CORS headers too (they are added as the response starts).
        app.UseCrossOriginCallers();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapCardServiceOpenApi();
        return app;
    }

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        if (problem.Type is null || !problem.Type.StartsWith(ProblemTypes.Base, StringComparison.Ordinal))
        {
            problem.Type = ProblemTypes.ForStatus(status);
        }

        if (status >= 500 || context.Exception is not null)
        {
            // Whatever went wrong stays in the log: no message, no stack trace, no exception type to the client.
            problem.Title = "The server could not answer this request.";
            problem.Detail = null;
            problem.Extensions.Remove("exception");
            problem.Extensions.Remove("errors");
        }
        else if (problem.Detail is null)
        {
            problem.Detail = status switch
            {
                404 => $"Nothing is served at '{context.HttpContext.Request.Path}'.",
                405 => $"'{context.HttpContext.Request.Path}' does not answer {context.HttpContext.Request.Method}.",
                415 => "Send the body as JSON with Content-Type: application/json.",
                _ => null,
            };
        }

        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
    }
}
