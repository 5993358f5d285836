using Microsoft.AspNetCore.DataProtection;

namespace CardService.Functions.Preview;

/// <summary>Registers the preview page: Razor components rendered on the server, the signed image links and <c>GET /</c> negotiation.</summary>
public static class PreviewExtensions
{
    public static IServiceCollection AddPreviewPages(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PreviewOptions>().Bind(configuration.GetSection(PreviewOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRazorComponents();
        // Razor components bring antiforgery and so data protection; the page keeps no secrets, so no key ring is written to disk.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<ImageLinks>();
        services.AddSingleton<MatcherPolicy, HtmlOnlyPolicy>();
        return services;
    }
}
