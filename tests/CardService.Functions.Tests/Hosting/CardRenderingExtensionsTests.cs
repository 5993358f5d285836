using CardService.Core.Cards;
using CardService.Functions.Caching;
using CardService.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Tests.Hosting;

/// <summary>The registrations behind /card, and the start-up validation of their options (what ValidateOnStart runs).</summary>
public class CardRenderingExtensionsTests
{
    private static ServiceProvider CreateSut(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddCardRendering(configuration).BuildServiceProvider();
    }

    private static OptionsValidationException StartFails(Dictionary<string, string?> settings)
    {
        using var services = CreateSut(settings);
        return Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void AddCardRendering_Defaults_StartAndRender()
    {
        using var services = CreateSut([]);

        services.GetRequiredService<IStartupValidator>().Validate();
        var card = services.GetRequiredService<CardRenderer>().Render(new CardSpec { Title = "Registered" });

        Assert.Equal("image/png", card.ContentType);
        Assert.Same(services.GetRequiredService<CardCache>(), services.GetRequiredService<CardCache>());
    }

    [Fact]
    public void AddCardRendering_FontDirectoryMissing_FailsAtStartNamingTheSetting()
    {
        var missing = Path.Combine(Path.GetTempPath(), "cardservice-missing-" + Guid.NewGuid().ToString("N"));

        var error = StartFails(new() { ["Fonts:Directory"] = missing });

        Assert.Contains("Fonts:Directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCardRendering_BrandFontIsWoff2_FailsAtStartNamingTheSettingAndWhatToGive()
    {
        var woff2 = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(woff2, [.. "wOF2"u8, .. new byte[60]]);

            var error = StartFails(new() { ["Fonts:Title"] = woff2 });

            Assert.Contains($"Fonts:Title: '{woff2}' is WOFF2, which this service does not unpack", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(woff2);
        }
    }

    [Fact]
    public void AddCardRendering_NegativeCacheBudget_FailsAtStartNamingTheOption()
    {
        var error = StartFails(new() { ["CardCache:MaxBytes"] = "-1" });

        Assert.Contains("MaxBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCardRendering_TinyBodyLimit_FailsAtStartNamingTheOption()
    {
        var error = StartFails(new() { ["CardRequests:MaxBodyBytes"] = "10" });

        Assert.Contains("MaxBodyBytes", error.Message, StringComparison.Ordinal);
    }
}
