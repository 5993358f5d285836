using System.Collections.Immutable;
using CardService.Core.Meta;
using CardService.Core.Validation;

namespace CardService.Functions.Preview;

/// <summary>The seven mock-ups the page draws; X appears twice because a page's card kind decides which one people see.</summary>
public enum MockupKind
{
    XLargeImage,
    XSummary,
    Facebook,
    LinkedIn,
    Slack,
    Discord,
    Google,
}

/// <summary>An image as the page shows it: through our signed image link, or the reason a crawler would not get it.</summary>
/// <param name="SourceUrl">The image URL the page names.</param>
/// <param name="LocalSrc">The signed <c>/preview/image</c> link; null when the probe already showed the image unusable.</param>
/// <param name="Alt">The declared alt text.</param>
/// <param name="Problem">Why a crawler would show no image; null when the image is fine or was not probed.</param>
public sealed record ShownImage(string SourceUrl, string? LocalSrc, string? Alt, string? Problem);

/// <summary>One platform's mock-up: what Core's <see cref="EffectivePreview"/> says, the image to draw, and notes on fallbacks.</summary>
/// <param name="Kind">Which mock-up.</param>
/// <param name="Name">The platform as a reader knows it.</param>
/// <param name="Preview">The platform's effective preview, exactly as Core computed it.</param>
/// <param name="Image">The image to draw; null when the platform has none.</param>
/// <param name="Notes">Sentences on fallbacks, truncation and tags the platform does not read.</param>
/// <param name="Applies">False for the X layout this page does not get (drawn for comparison).</param>
public sealed record Mockup(MockupKind Kind, string Name, EffectivePreview Preview, ShownImage? Image, ImmutableArray<string> Notes, bool Applies);

/// <summary>One row of the tag table.</summary>
/// <param name="Key">The tag as written (<c>og:title</c>, <c>description</c>, <c>&lt;title&gt;</c>).</param>
/// <param name="Value">Its content.</param>
/// <param name="InHead">Whether it is inside <c>&lt;head&gt;</c>.</param>
/// <param name="ShownBy">The platforms whose preview shows a value taken from this tag.</param>
public sealed record TagRow(string Key, string? Value, bool InHead, ImmutableArray<string> ShownBy);

/// <summary>The card CardService would make for the page, and the tags that put it in every preview.</summary>
/// <param name="ImagePath">The local <c>/card</c> link that draws it.</param>
/// <param name="Tags">The meta tags to paste into the page's head.</param>
/// <param name="FromPostedHtml">True when the card is drawn from fields read from posted HTML (the page is not online to be read by URL).</param>
public sealed record CardSuggestion(string ImagePath, string Tags, bool FromPostedHtml);

/// <summary>The what-if editor's fields.</summary>
public sealed record EditValues(string? Title, string? Description, string? Image);

/// <summary>Everything the preview page shows for one page.</summary>
public sealed record PreviewView
{
    public required Uri RequestedUrl { get; init; }
    public required Uri PageUrl { get; init; }
    public required bool Fetched { get; init; }
    public string? Agent { get; init; }
    public required PageReport Report { get; init; }
    public required ImmutableArray<Mockup> Mockups { get; init; }
    public required ImmutableArray<TagRow> Tags { get; init; }
    public required CardSuggestion Card { get; init; }

    /// <summary>The values the editor starts from (the page's own, or the last edit).</summary>
    public required EditValues Edits { get; init; }

    /// <summary>The page's HTML before any edit, carried by the editor's form so every edit starts from the page itself.</summary>
    public required string SourceHtml { get; init; }

    /// <summary>The values before any edit; an edit field equal to its original is left alone.</summary>
    public required EditValues Originals { get; init; }

    /// <summary>True when the findings judge an edited head rather than the page as published.</summary>
    public bool Edited { get; init; }

    public IEnumerable<IGrouping<Severity, Finding>> FindingsBySeverity => Report.Findings.GroupBy(f => f.Severity).OrderBy(g => g.Key);
}

/// <summary>An error shown next to the form: a sentence for a blogger and the HTTP status the page answers with.</summary>
public sealed record PageError(string Message, string? Detail, int Status);
