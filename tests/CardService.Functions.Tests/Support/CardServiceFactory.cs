using System.Net;
using System.Net.Sockets;
using CardService.Core.Fetching;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Tests.Support;

/// <summary>
/// The real app in memory, optionally with configuration overrides (e.g. "CardRequests:MaxBodyBytes"). Its fetcher is the
/// real one with its configured options, except that DNS answers "no such host" for every name: tests reach their
/// servers by IP literal, and no lookup ever leaves the machine. The per-client rate limit is off unless a test sets it.
/// </summary>
public sealed class CardServiceFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public CardServiceFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    internal CardServiceFactory(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    public static Task<IPAddress[]> NoSuchHost(string host, CancellationToken cancellationToken) =>
        Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        // Test classes send hundreds of fetching requests from one address; the rate limit's own tests set it low.
        builder.UseSetting("RateLimits:PermitLimit", "0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton(sp =>
            new PageFetcher(sp.GetRequiredService<IOptions<FetchOptions>>().Value, resolveHost: NoSuchHost)));
    }
}
