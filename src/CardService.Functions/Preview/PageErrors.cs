using CardService.Core.Fetching;
using CardService.Core.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CardService.Functions.Preview;

/// <summary>The problems /meta and /validate answer, said as sentences a blogger understands, with the same HTTP status.</summary>
public static class PageErrors
{
    /// <summary>The rule that makes a page impossible to preview: no HTML, no tags.</summary>
    public const string NotHtmlRule = "content-type-not-html";

    public static PageError From(ProblemHttpResult problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var details = problem.ProblemDetails;
        var status = details.Status ?? problem.StatusCode;
        var firstError = details is HttpValidationProblemDetails { Errors.Count: > 0 } validation
            ? validation.Errors.First().Value.FirstOrDefault()
            : null;
        var kind = details.Extensions.TryGetValue("failure", out var value) && Enum.TryParse<FetchFailureKind>(value?.ToString(), out var parsed)
            ? parsed
            : (FetchFailureKind?)null;
        var message = kind switch
        {
            FetchFailureKind.BlockedAddress => "CardService does not read this address: it points into a private or reserved network, which the social networks' crawlers cannot reach either.",
            FetchFailureKind.Dns => "The site's name could not be found. Check the spelling of the address; crawlers would not find it either.",
            FetchFailureKind.Timeout => "The site took too long to answer, so CardService stopped waiting, as a crawler would.",
            FetchFailureKind.TooLarge => "The page is larger than CardService reads, so it was not previewed.",
            FetchFailureKind.Connect => "CardService could not connect to the site. Is it online?",
            FetchFailureKind.Tls => "The site's HTTPS certificate or setup was refused, and crawlers would refuse it too.",
            FetchFailureKind.TooManyRedirects => "The address redirects too many times (or in a loop), so crawlers give up before reaching the page.",
            FetchFailureKind.InvalidUrl => "That is not an address CardService can read. Enter a full address starting with https://.",
            FetchFailureKind.HttpStatus => "The site answered with an error instead of the page.",
            FetchFailureKind.Busy => "CardService is reading many pages right now; try again in a moment.",
            _ when status == StatusCodes.Status400BadRequest => "That is not an address CardService can read. Enter a full address starting with https://.",
            _ => "CardService could not preview this page.",
        };
        return new PageError(message, firstError ?? details.Detail, status);
    }

    /// <summary>A page served as something other than HTML: there are no tags to preview (422, a page that cannot be judged).</summary>
    public static PageError? NotHtml(PageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Findings.FirstOrDefault(f => f.RuleId == NotHtmlRule) is { } finding
            ? new PageError("This address does not serve an HTML page, so there are no tags for a platform to read.", finding.Message, StatusCodes.Status422UnprocessableEntity)
            : null;
    }

    /// <summary>A form post with nothing usable in it.</summary>
    public static PageError BadForm(string detail) =>
        new("The form arrived incomplete. Enter the page's address and try again.", detail, StatusCodes.Status400BadRequest);
}
