using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CardService.Functions.Tests.Support;

/// <summary>The real app in memory, optionally with configuration overrides (e.g. "CardRequests:MaxBodyBytes").</summary>
public sealed class CardServiceFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public CardServiceFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    internal CardServiceFactory(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
