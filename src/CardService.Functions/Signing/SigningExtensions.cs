using CardService.Core.Signing;
using CardService.Functions.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

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
        services.AddSingleton(sp => new CardLinks(sp.GetRequiredService<IOptions<SigningOptions>>(), sp.GetService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Refuses a <c>/card</c> request whose signature is missing (when required), wrong or expired, with a 403 problem, and
    /// documents <c>sig</c> and <c>exp</c> on the operations that take a query string.
    /// </summary>
    public static RouteHandlerBuilder RequireCardSignature(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilterFactory(static (endpoint, next) =>
        {
            // Without keys every request would pass: no filter at all, so a server that does not sign pays nothing per request.
            var filter = endpoint.ApplicationServices.GetRequiredService<CardSignatureFilter>();
            return filter.Verifies ? context => filter.InvokeAsync(context, next) : next;
        }).AddOpenApiOperationTransformer(DescribeSignatureParameters);

    // The filter reads sig and exp from the raw query, so no handler binds them and the document would not know them.
    // POST has no signed form: its body cannot be signed (it is refused while signatures are required).
    private static Task DescribeSignatureParameters(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsPost(context.Description.HttpMethod ?? string.Empty))
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = CardUrlSigner.SignatureParameter,
            In = ParameterLocation.Query,
            Description = "The URL's signature: HMAC-SHA256 of the other parameters with a Signing:Keys key, base64url, as 'cardservice sign' makes it. "
                + "Checked whenever the server holds a key; required when Signing:Required is on.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Za-z0-9_-]{43}$" },
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = CardUrlSigner.ExpiryParameter,
            In = ParameterLocation.Query,
            Description = "When the signed URL stops working, in Unix seconds; signed with the other parameters. Optional.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
        });
        return Task.CompletedTask;
    }

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
