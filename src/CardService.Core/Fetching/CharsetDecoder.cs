namespace CardService.Core.Fetching;

/// <summary>Where the encoding used to decode a page came from, in the order they are tried.</summary>
public enum CharsetSource
{
    /// <summary>A byte order mark (UTF-8, UTF-16 LE/BE).</summary>
    Bom,

    /// <summary>The <c>charset=</c> parameter of the HTTP <c>Content-Type</c> header.</summary>
    ContentType,

    /// <summary><c>&lt;meta charset&gt;</c> or <c>&lt;meta http-equiv="Content-Type"&gt;</c> found by the prescan.</summary>
    Meta,

    /// <summary>Nothing usable was declared (or the declaration was contradicted); the bytes are valid UTF-8.</summary>
    SniffedUtf8,

    /// <summary>Nothing usable was declared and the bytes are not UTF-8: windows-1252, the web's default.</summary>
    Default,
}

/// <summary>A page's text and how its bytes were turned into it.</summary>
/// <param name="Text">The decoded document.</param>
/// <param name="EncodingName">The WHATWG name of the encoding used (<c>UTF-8</c>, <c>Shift_JIS</c>, <c>windows-1252</c>, …).</param>
/// <param name="Source">Why that encoding was used.</param>
/// <param name="DeclaredCharset">The charset label the page declared, as written (header first, else meta); null when none.</param>
/// <param name="DeclaredInFirst1024Bytes">Whether a meta charset declaration ends within the first 1024 bytes (Lighthouse's rule).</param>
public sealed record DecodedHtml(
    string Text,
    string EncodingName,
    CharsetSource Source,
    string? DeclaredCharset,
    bool DeclaredInFirst1024Bytes)
{
    /// <summary>The <c>charset=</c> label of the <c>Content-Type</c> header, as written; null when absent.</summary>
    public string? HeaderCharset { get; init; }

    /// <summary>The label found by the meta prescan (first 1024 bytes), as written; null when absent.</summary>
    public string? MetaCharset { get; init; }

    /// <summary>The WHATWG encoding name the declaration maps to; null when nothing was declared or the label is unknown.</summary>
    public string? DeclaredEncodingName { get; init; }

    /// <summary>Whether a label was declared that no WHATWG encoding answers to (e.g. <c>charset=foo</c>).</summary>
    public bool DeclaredLabelUnknown { get; init; }

    /// <summary>Whether the body started with a byte order mark.</summary>
    public bool HasBom { get; init; }

    /// <summary>Whether the body (after any BOM) is valid UTF-8.</summary>
    public bool IsValidUtf8 { get; init; }

    /// <summary>Whether the bytes contain anything above ASCII (when false, most encodings read the same).</summary>
    public bool HasNonAscii { get; init; }

    /// <summary>
    /// Whether a declared legacy charset was not used because the bytes are valid UTF-8 with non-ASCII text
    /// ("declared gbk but the bytes are UTF-8").
    /// </summary>
    public bool DeclarationOverridden { get; init; }
}
