using System.CommandLine;
using CardService.Core.Fetching;
using CardService.Core.Inspection;
using CardService.Core.Validation;

namespace CardService.Cli.Commands.Check;

/// <summary>
/// <c>cardservice check &lt;built-site-dir | url&gt;</c>: judges a generator's built HTML with the rule catalogue of
/// <c>/validate</c>, offline, reading the site's own images from the folder; or one page online.
/// Exit codes: 0 nothing reached <c>--fail-on</c>, 1 a finding did, 2 usage or configuration error, 3 the page URL could not be fetched.
/// </summary>
public static class CheckCommand
{
    public const int FindingsReached = 1;
    public const int BadInput = 2;
    public const int FetchFailed = 3;

    private static readonly Argument<string> Target = new("site-or-url")
    {
        Description = "A built site's folder (Jekyll's _site, Hugo's public), or one page's http(s) URL to fetch and judge.",
    };

    private static readonly Option<string> BaseUrl = new("--base-url")
    {
        Description = "The address the site is served at; default: url (+ baseurl) of _config.yml, or Hugo's baseURL, in the folder or beside it.",
        HelpName = "URL",
    };

    private static readonly Option<bool> Online = new("--online") { Description = "Also probe images on other hosts, through the safe fetcher." };

    private static readonly Option<string> Format = new Option<string>("--format")
    {
        Description = "table (default), json, sarif (SARIF 2.1.0) or github (workflow annotations).",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json", "sarif", "github");

    private static readonly Option<string> FailOn = new Option<string>("--fail-on")
    {
        Description = "Exit 1 when a finding reaches this level: error (default), warning or none.",
        DefaultValueFactory = _ => "error",
    }.AcceptOnlyFromAmong("error", "warning", "none");

    private static readonly Option<string[]> AllowPrivate = new("--allow-private")
    {
        Description = $"CIDR networks that may be fetched although private (local testing only; also {CardCommand.AllowPrivateVariable}).",
        HelpName = "CIDR",
        Hidden = true,
    };

    private static readonly Option<string> BaselineFile = new("--baseline") { Description = "A SARIF log of an earlier run: report only findings it does not have.", HelpName = "SARIF" };

    public static Command Create()
    {
        var command = new Command(
            "check",
            "Check the SEO and social tags of a built site (or one page URL) with the rules of /validate. "
            + "Exit codes: 0 ok, 1 a finding reached --fail-on, 2 usage or configuration error, 3 the URL could not be fetched.")
        {
            Target, BaseUrl, Online, Format, FailOn, BaselineFile, AllowPrivate,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result, Console.Out, Console.Error, IsTerminal(), cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(ParseResult result, TextWriter stdout, TextWriter stderr, bool terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var target = result.GetValue(Target)!;
        Baseline? baseline = null;
        if (result.GetValue(BaselineFile) is { } baselinePath)
        {
            (baseline, var error) = Baseline.Load(baselinePath);
            if (baseline is null)
            {
                stderr.WriteLine($"error: baseline: {error}");
                return BadInput;
            }
        }

        var (fetchOptions, problems) = CardCommand.FetchOptionsFor(result.GetValue(AllowPrivate));
        if (!problems.IsEmpty)
        {
            stderr.WriteLine($"error: allow-private: {string.Join(" ", problems)}");
            return BadInput;
        }

        using var fetcher = new PageFetcher(fetchOptions);
        var checker = new SiteChecker(new PageInspector(new PageLoader(fetcher), fetcher));
        CheckRun run;
        if (Uri.TryCreate(target, UriKind.Absolute, out var pageUrl) && (pageUrl.Scheme == Uri.UriSchemeHttp || pageUrl.Scheme == Uri.UriSchemeHttps))
        {
            var inspected = await checker.InspectUrlAsync(pageUrl, cancellationToken);
            if (inspected.Inspection is not { } inspection)
            {
                stderr.WriteLine($"error: {target}: {inspected.Failure!.Detail}");
                return FetchFailed;
            }

            run = SiteChecker.Placed(inspection);
        }
        else
        {
            if (OpenSite(target, result.GetValue(BaseUrl), stderr) is not { } site)
            {
                return BadInput;
            }

            try
            {
                run = await checker.CheckSiteAsync(site, result.GetValue(Online), cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: cannot read '{target}': {e.Message}");
                return BadInput;
            }

            if (run.Pages.IsEmpty && run.RedirectStubs.IsEmpty)
            {
                stderr.WriteLine($"error: no .html pages in '{target}': name the generator's output folder (_site, public).");
                return BadInput;
            }
        }

        run = baseline?.Filter(run) ?? run;
        switch (result.GetValue(Format))
        {
            case "json":
                JsonReport.Write(run, stdout);
                break;
            case "sarif":
                SarifLog.Write(run, stdout);
                break;
            case "github":
                GithubAnnotations.Write(run, stdout);
                break;
            default:
                TextReport.Write(run, stdout, terminal);
                break;
        }

        return result.GetValue(FailOn) switch
        {
            "warning" when run.Count(Severity.Error) + run.Count(Severity.Warning) > 0 => FindingsReached,
            "error" when run.Count(Severity.Error) > 0 => FindingsReached,
            _ => 0,
        };
    }

    private static BuiltSite? OpenSite(string folder, string? baseUrl, TextWriter stderr)
    {
        if (!Directory.Exists(folder))
        {
            stderr.WriteLine($"error: no such folder '{folder}'.");
            return null;
        }

        if (baseUrl is not null)
        {
            if (SiteAddress.Parse(baseUrl) is { } given)
            {
                return new BuiltSite(folder, given);
            }

            stderr.WriteLine($"error: base-url: '{baseUrl}' is not an absolute http(s) URL.");
            return null;
        }

        if (SiteAddress.Find(folder) is { } found)
        {
            return new BuiltSite(folder, found.Url);
        }

        stderr.WriteLine($"error: cannot tell where '{folder}' is served: set url in _config.yml (or Hugo's baseURL) beside it, or pass --base-url.");
        return null;
    }

    // Colour and tables for a person at a terminal; plain lines for logs and pipes.
    private static bool IsTerminal() => !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
}
