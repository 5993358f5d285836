using System.Collections.Immutable;

namespace CardService.Core.Meta;

/// <summary>One <c>&lt;script type="application/ld+json"&gt;</c> block. Invalid JSON is kept with its error (Google ignores such blocks).</summary>
/// <param name="Index">The block's index among the page's JSON-LD blocks.</param>
/// <param name="Raw">The script's text as written.</param>
/// <param name="Error">Why the block failed to parse; null when it is valid JSON.</param>
/// <param name="Items">The objects in the block: the top-level object(s), with <c>@graph</c> members flattened in.</param>
/// <param name="Position">Character offset of the script element; null when positions were not recorded.</param>
public sealed record JsonLdBlock(int Index, string Raw, JsonLdError? Error, ImmutableArray<JsonLdItem> Items, int? Position)
{
    /// <summary>Whether the block parsed as strict JSON.</summary>
    public bool IsValid => Error is null;

    /// <summary>Whether the block sits inside <c>&lt;head&gt;</c>.</summary>
    public bool InHead { get; init; }
}

/// <summary>Where and why a JSON-LD block is not valid JSON (read strictly, as Google reads it).</summary>
/// <param name="Message">The parser's message.</param>
/// <param name="LineNumber">Zero-based line within the block; null when unknown.</param>
/// <param name="BytePositionInLine">Zero-based byte position in that line; null when unknown.</param>
public sealed record JsonLdError(string Message, long? LineNumber, long? BytePositionInLine);

/// <summary>A few well-known Schema.org fields of one JSON-LD object, as plain data.</summary>
/// <param name="Types">The <c>@type</c> value(s), as written.</param>
public sealed record JsonLdItem(ImmutableArray<string> Types)
{
    /// <summary>Whether the object came from an <c>@graph</c> array.</summary>
    public bool FromGraph { get; init; }

    /// <summary><c>@id</c>.</summary>
    public string? Id { get; init; }

    /// <summary><c>@context</c> when a string.</summary>
    public string? Context { get; init; }

    /// <summary><c>headline</c>.</summary>
    public string? Headline { get; init; }

    /// <summary><c>name</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>description</c>.</summary>
    public string? Description { get; init; }

    /// <summary><c>url</c>.</summary>
    public string? Url { get; init; }

    /// <summary><c>image</c> URLs: from a string, an <c>ImageObject</c> (<c>url</c>/<c>contentUrl</c>) or an array of either.</summary>
    public ImmutableArray<string> Images { get; init; } = [];

    /// <summary><c>author</c> names: from strings or objects' <c>name</c>, arrays included.</summary>
    public ImmutableArray<string> AuthorNames { get; init; } = [];

    /// <summary><c>datePublished</c> as written.</summary>
    public string? DatePublished { get; init; }

    /// <summary><c>dateModified</c> as written.</summary>
    public string? DateModified { get; init; }

    /// <summary><c>publisher.name</c> (or <c>publisher</c> when a string).</summary>
    public string? PublisherName { get; init; }

    /// <summary><c>publisher.logo</c> URL (string or <c>ImageObject.url</c>).</summary>
    public string? PublisherLogo { get; init; }

    /// <summary><c>articleSection</c> values (string or array).</summary>
    public ImmutableArray<string> ArticleSections { get; init; } = [];

    /// <summary><c>keywords</c> (an array, or a comma-separated string split).</summary>
    public ImmutableArray<string> Keywords { get; init; } = [];

    /// <summary><c>inLanguage</c> when a string.</summary>
    public string? InLanguage { get; init; }
}
