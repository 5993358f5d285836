using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace CardService.Functions.Hosting;

/// <summary>Everything about being a well-behaved HTTP host, kept out of Program.cs.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// Port rules (<see cref="HostingPorts"/>), one problem+json error shape, JSON options (camelCase, nulls omitted, enums as
    /// strings), OpenAPI and console logging.
    /// </summary>
    public static WebApplicationBuilder AddCardServiceHosting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.WebHost.UseUrls([.. HostingPorts.Resolve(Environment.GetEnvironmentVariables())]);

        // The Functions host relays stdout; one line per message keeps its log readable.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Customize);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CardService";
            document.Info.Description = "Social card images, link previews and SEO tag checks. Errors are application/problem+json.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>Exception handler and status-code pages (both write problems), and the OpenAPI document at <c>/openapi/v1.json</c>.</summary>
    public static WebApplication UseCardServiceHosting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi().WithTags("Meta");
        return app;
    }

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        var ours = problem.Type is not null && problem.Type.StartsWith(ProblemTypes.Base, StringComparison.Ordinal);
        if (!ours)
        {
            problem.Type = ProblemTypes.ForStatus(status);
        }

        // A 5xx the app answers on purpose (typed, with a detail) says what happened; any other stays generic.
        if ((status >= 500 && !ours) || context.Exception is not null)
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
