using Microsoft.Azure.Functions.Worker;

namespace CardService.Functions.AzureFunctions;

/// <summary>
/// The public endpoints as Azure Functions: one function per route family, anonymous, with the methods the app answers there
/// (OPTIONS where browsers preflight). host.json sets routePrefix "", so the routes are the app's own.
/// </summary>
public sealed class HttpFunctions(SharedPipeline app)
{
    [Function("card")]
    public Task<IResult> CardAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "options", Route = "card")] HttpRequest request) =>
        app.AnswerAsync(request);

    [Function("meta")]
    public Task<IResult> MetaAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "options", Route = "meta")] HttpRequest request) =>
        app.AnswerAsync(request);

    [Function("validate")]
    public Task<IResult> ValidateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "options", Route = "validate")] HttpRequest request) =>
        app.AnswerAsync(request);

    [Function("rules")]
    public Task<IResult> RulesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rules")] HttpRequest request) =>
        app.AnswerAsync(request);

    [Function("healthz")]
    public Task<IResult> HealthzAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "healthz")] HttpRequest request) =>
        app.AnswerAsync(request);

    [Function("openapi")]
    public Task<IResult> OpenApiAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/v1.json")] HttpRequest request) =>
        app.AnswerAsync(request);

    [Function("docs")]
    public Task<IResult> DocsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs/{*path}")] HttpRequest request) =>
        app.AnswerAsync(request);

    [Function("preview")]
    public Task<IResult> PreviewAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "preview/{*path}")] HttpRequest request) =>
        app.AnswerAsync(request);
}
