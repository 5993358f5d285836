using System.Net;

namespace CardService.Functions.Tests.Support;

/// <summary>The real app behind a real Kestrel listener on 127.0.0.1 (a free port), for what only a socket shows: CORS, headers as sent.</summary>
public sealed class KestrelApp : IAsyncDisposable
{
    private readonly CardServiceFactory _factory;

    private KestrelApp(CardServiceFactory factory) => _factory = factory;

    public static KestrelApp Start(params (string Key, string Value)[] settings)
    {
        var factory = new CardServiceFactory(settings.ToDictionary(s => s.Key, s => (string?)s.Value, StringComparer.Ordinal));
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return new KestrelApp(factory);
    }

    public IServiceProvider Services => _factory.Services;

    /// <summary>A client that goes through the socket.</summary>
    public HttpClient CreateClient() => _factory.CreateClient();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
