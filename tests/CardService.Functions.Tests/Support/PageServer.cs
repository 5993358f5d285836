using System.Collections.Concurrent;
using System.Text;
using CardService.Core.Tests.Fetching.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CardService.Functions.Tests.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.2 serving whatever a test registers (pages, images, slow answers), and the app
/// under test configured to allow that one address. Each test uses its own paths, so the app's caches never mix them up.
/// </summary>
public sealed class PageServer : IAsyncLifetime
{
    public const string Address = PageServerFixture.Address;

    private readonly ConcurrentDictionary<string, Resource> _resources = new(StringComparer.Ordinal);
    private LocalServer? _server;

    public LocalServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public CardServiceFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await StartAsync(_resources);
        App = CreateApp();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
    }

    /// <summary>The app with only 127.0.0.2 allowed, plus <paramref name="settings"/>.</summary>
    public static CardServiceFactory CreateApp(params (string Key, string Value)[] settings) =>
        PageServerFixture.CreateApp(settings.ToDictionary(s => s.Key, s => (string?)s.Value, StringComparer.Ordinal));

    public Uri Html(string path, string html, int status = 200) => Serve(path, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html), status);

    public Uri Serve(string path, string contentType, byte[] body, int status = 200, TimeSpan delay = default)
    {
        _resources[path] = new Resource(contentType, body, status, delay);
        return Server.Url(path);
    }

    public int Requests(string path) => Server.CountRequests(path);

    /// <summary>A page with the given head elements and an empty body.</summary>
    public static string Page(params string[] head) => $"<!doctype html><html><head>{string.Concat(head)}</head><body><p>Post.</p></body></html>";

    internal static Task<LocalServer> StartAsync(ConcurrentDictionary<string, Resource> resources) =>
        LocalServer.StartAsync(Address, app => app.Run(async context =>
        {
            if (!resources.TryGetValue(context.Request.Path.Value ?? "/", out var resource))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (resource.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(resource.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            context.Response.StatusCode = resource.Status;
            context.Response.ContentType = resource.ContentType;
            await context.Response.Body.WriteAsync(resource.Body, context.RequestAborted);
        }));

    internal sealed record Resource(string ContentType, byte[] Body, int Status, TimeSpan Delay);
}
