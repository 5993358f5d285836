using CardService.Functions.Hosting;

namespace CardService.Functions.AzureFunctions;

/// <summary>
/// The plain server's pipeline (<see cref="HostingExtensions.UseCardService"/>), built once inside the worker's web host. Each
/// function hands its HttpContext here, so a function and the plain server's endpoint are one implementation.
/// </summary>
public sealed class SharedPipeline : IStartupFilter
{
    private RequestDelegate? _app;

    /// <summary>Builds the pipeline on a branch of the worker's app, before the worker adds its own routing to function endpoints.</summary>
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var branch = app.New();
        branch.UseCardService();
        _app = branch.Build();
        next(app);
    };

    /// <summary>Answers the request the host forwarded for a function; the response is written here, so the function returns nothing more.</summary>
    public async Task<IResult> AnswerAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var app = _app ?? throw new InvalidOperationException("The worker's web host has not built the app's pipeline yet.");
        var context = request.HttpContext;

        // The worker chose the function's endpoint; routing skips a request that has one, so clear it and let the app's own
        // route table (methods, content negotiation, 405s) pick the handler.
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        await app(context);
        return Results.Empty;
    }
}
