using CardService.Core.Signing;
using CardService.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Signing;

/// <summary>
/// Checks the signature of a <c>/card</c> URL before anything is fetched or drawn. Without keys it lets everything through;
/// with keys, a signature that is sent must match and be in time, and with <see cref="SigningOptions.Required"/> one must be
/// sent. A POST body cannot be signed, so POST is refused while signatures are required.
/// </summary>
public sealed class CardSignatureFilter : IEndpointFilter
{
    private readonly CardUrlSigner? _signer;
    private readonly bool _required;

    public CardSignatureFilter(IOptions<SigningOptions> options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _signer = value.Keys.Length > 0 ? new CardUrlSigner(value, time) : null;
        _required = value.Required;
    }

    /// <summary>False without keys: then every request passes and the filter need not run.</summary>
    public bool Verifies => _signer is not null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return Refusal(context.HttpContext.Request) ?? await next(context);
    }

    private ProblemHttpResult? Refusal(HttpRequest request)
    {
        if (_signer is null)
        {
            return null;
        }

        if (HttpMethods.IsPost(request.Method))
        {
            return _required
                ? Forbidden(ProblemTypes.SignatureRequired, "Signature required",
                    "This server serves cards only from signed URLs (Signing:Required); a POST body cannot be signed: use GET with a URL from 'cardservice sign'.")
                : null;
        }

        var parameters = request.Query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")));
        return _signer.Verify(parameters) switch
        {
            SignatureVerdict.Valid => null,
            SignatureVerdict.Missing when !_required => null,
            SignatureVerdict.Missing => Forbidden(ProblemTypes.SignatureRequired, "Signature required",
                "This server serves cards only from signed URLs (Signing:Required); add sig (and exp, if any) as 'cardservice sign' makes them."),
            SignatureVerdict.Expired => Forbidden(ProblemTypes.SignatureExpired, "Signed URL expired",
                "The time in this URL's exp parameter has passed; sign the URL again with a later expiry."),
            _ => Forbidden(ProblemTypes.SignatureMismatch, "Signature does not match",
                "No active key signs these parameters: the URL was changed after it was signed, or signed with a key this server no longer holds."),
        };
    }

    private static ProblemHttpResult Forbidden(string type, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: title, type: type);
}
