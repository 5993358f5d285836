using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace CardService.Functions.Tests.Support;

/// <summary>A real Kestrel server on one 127.0.0.x address, recording every request it sees (as in Core.Tests' fetcher tests).</summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public ConcurrentQueue<(string Path, IReadOnlyDictionary<string, string> Headers)> Requests { get; } = new();

    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery);

    public int CountRequests(string path) => Requests.Count(r => r.Path == path);

    public static async Task<LocalServer> StartAsync(string address, Action<WebApplication> map, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(address), 0, l =>
        {
            if (certificate is not null)
            {
                l.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        LocalServer? server = null;
        app.Use(async (context, next) =>
        {
            // Kestrel reuses the header collection after the request: keep a copy.
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            server!.Requests.Enqueue((context.Request.Path.Value ?? "", headers));
            await next(context);
        });
        map(app);
        await app.StartAsync();
        var bound = new Uri(app.Urls.First().Replace("[::]", address, StringComparison.Ordinal));
        server = new LocalServer(app, new Uri($"{bound.Scheme}://{address}:{bound.Port}/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
