using System.CommandLine;
using System.Globalization;
using CardService.Core.Signing;

namespace CardService.Cli.Commands;

/// <summary>
/// <c>cardservice sign</c>: prints one signed card URL (<see cref="CardUrlSigner"/>) for a server that requires signatures
/// (<c>Signing:Required</c>). Exit codes: 0 printed, 2 bad input (every problem printed as <c>error: option: message</c>).
/// </summary>
public static class SignCommand
{
    /// <summary>Where the key is read from when <c>--key</c> is not given (keeps it out of shell history and build logs).</summary>
    public const string KeyVariable = "CARDSERVICE_SIGNING_KEY";

    private static readonly Argument<string[]> Parameters = new("parameters")
    {
        Description = "The card's query parameters as name=value (title=Hello category=Notes url=https://…), as GET /card takes them.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string> Server = new("--server") { Description = "The service's address (https://cards.example or https://cards.example/card).", HelpName = "URL" };
    private static readonly Option<string> Key = new("--key") { Description = $"The signing key, base64 (Signing:Keys:0 of the server); default: ${KeyVariable}.", HelpName = "BASE64" };
    private static readonly Option<string> Expires = new("--expires") { Description = "When the URL stops working: a time (2027-01-31T00:00:00Z) or a span from now (90d, 12h, 30m). Default: never.", HelpName = "WHEN" };

    public static Command Create()
    {
        var command = new Command("sign", "Print a signed card URL for a server with Signing:Keys. Exit codes: 0 printed, 2 bad input.")
        {
            Parameters, Server, Key, Expires,
        };
        command.SetAction(result => Run(result, Console.Out, Console.Error, Environment.GetEnvironmentVariable(KeyVariable), TimeProvider.System));
        return command;
    }

    internal static int Run(ParseResult result, TextWriter stdout, TextWriter stderr, string? keyFromEnvironment, TimeProvider time)
    {
        var errors = new List<string>();
        var endpoint = CardEndpoint(result.GetValue(Server), errors);
        var parameters = ParseParameters(result.GetValue(Parameters) ?? [], errors);
        var expires = ParseExpiry(result.GetValue(Expires), time, errors);
        var key = result.GetValue(Key) ?? keyFromEnvironment;
        var options = new SigningOptions { Keys = string.IsNullOrWhiteSpace(key) ? [] : [key] };
        if (string.IsNullOrWhiteSpace(key))
        {
            errors.Add($"key: give the server's signing key with --key or ${KeyVariable}.");
        }
        else
        {
            errors.AddRange(options.Validate().Select(e => "key: " + e.Replace($"{SigningOptions.SectionName}:{nameof(SigningOptions.Keys)}:0", "the key", StringComparison.Ordinal)));
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                stderr.WriteLine($"error: {error}");
            }

            return CardCommand.BadInput;
        }

        stdout.WriteLine(new CardUrlSigner(options, time).SignUrl(endpoint!, parameters, expires).AbsoluteUri);
        return 0;
    }

    // "https://cards.example" and "https://cards.example/" both mean its /card endpoint.
    private static Uri? CardEndpoint(string? server, List<string> errors)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query))
        {
            errors.Add(server is null
                ? "server: give the service's address with --server (https://cards.example)."
                : $"server: '{server}' is not an http(s) address without a query string.");
            return null;
        }

        return uri.AbsolutePath is "" or "/" ? new Uri(uri, "/card") : uri;
    }

    private static List<KeyValuePair<string, string?>> ParseParameters(string[] arguments, List<string> errors)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? argument[..equals] : null;
            if (name is null)
            {
                errors.Add($"parameters: '{argument}' is not name=value.");
            }
            else if (name is CardUrlSigner.SignatureParameter or CardUrlSigner.ExpiryParameter)
            {
                errors.Add($"parameters: '{name}' is written by this command; use --expires for the expiry.");
            }
            else
            {
                parameters.Add(new(name, argument[(equals + 1)..]));
            }
        }

        return parameters;
    }

    private static DateTimeOffset? ParseExpiry(string? text, TimeProvider time, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        var unit = text.Length > 1 ? text[^1] : '\0';
        if (unit is 'd' or 'h' or 'm' && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            var span = unit switch { 'd' => TimeSpan.FromDays(count), 'h' => TimeSpan.FromHours(count), _ => TimeSpan.FromMinutes(count) };
            return time.GetUtcNow() + span;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        errors.Add($"expires: '{text}' is neither a time (2027-01-31T00:00:00Z) nor a span (90d, 12h, 30m).");
        return null;
    }
}
