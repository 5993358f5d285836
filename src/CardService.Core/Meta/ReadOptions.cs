namespace CardService.Core.Meta;

/// <summary>How <see cref="MetaReader"/> reads a page.</summary>
public sealed record ReadOptions
{
    /// <summary>The defaults: positions recorded, head parsed and body scanned, no header.</summary>
    public static ReadOptions Default { get; } = new();

    /// <summary>The <c>X-Robots-Tag</c> response header, when the caller fetched the page.</summary>
    public string? XRobotsTag { get; init; }

    /// <summary>Record each element's character offset (for "past 32 KB / 1 MB" rules).</summary>
    public bool RecordPositions { get; init; } = true;

    /// <summary>
    /// Read only up to <c>&lt;/head&gt;</c>. Tags misplaced in body and JSON-LD in body are then not seen; by default
    /// the rest of the page is scanned for them so rules can report them.
    /// </summary>
    public bool HeadOnly { get; init; }

    /// <summary>Build AngleSharp's DOM for the whole page rather than parsing the head and scanning the body (slower; for comparison).</summary>
    public bool ParseWholeDocument { get; init; }

    /// <summary>How many distinct <c>&lt;img src&gt;</c> to keep in <see cref="PageMeta.BodyImages"/>, in page order.</summary>
    public int MaxBodyImages { get; init; } = 10;
}
