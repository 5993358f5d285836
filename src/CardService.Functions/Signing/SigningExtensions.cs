using CardService.Core.Signing;
using CardService.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Signing;

/// <summary>Registers signed card URLs (<see cref="SigningOptions"/>, validated at start) and the filter that checks them on <c>/card</c>.</summary>
public static class SigningExtensions
{
    public static IServiceCollection AddCardSigning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSettings<SigningOptions>(configuration, SigningOptions.SectionName);
        services.AddSingleton<IValidateOptions<SigningOptions>, SigningOptionsValid>();
        services.AddSingleton<CardSignatureFilter>();
        return services;
    }

    /// <summary>Refuses a <c>/card</c> request whose signature is missing (when required), wrong or expired, with a 403 problem.</summary>
    public static RouteHandlerBuilder RequireCardSignature(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<RouteHandlerBuilder, CardSignatureFilter>();

    /// <summary>Key encoding, key length and "required without a key", each as a sentence naming the setting.</summary>
    private sealed class SigningOptionsValid : IValidateOptions<SigningOptions>
    {
        public ValidateOptionsResult Validate(string? name, SigningOptions options)
        {
            var errors = options.Validate();
            return errors.IsEmpty ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
