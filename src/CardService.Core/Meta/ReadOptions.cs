namespace CardService.Core.Meta;

/// <summary>How <see cref="MetaReader"/> reads a page.</summary>
public sealed record ReadOptions
{
    /// <summary>The defaults: positions recorded, whole document parsed, no header.</summary>
    public static ReadOptions Default { get; } = new();

    /// <summary>The <c>X-Robots-Tag</c> response header, when the caller fetched the page.</summary>
    public string? XRobotsTag { get; init; }

    /// <summary>Record each element's character offset (for "past 32 KB / 1 MB" rules).</summary>
    public bool RecordPositions { get; init; } = true;

    /// <summary>
    /// Stop parsing after <c>&lt;/head&gt;</c>, as most crawlers effectively do. Tags misplaced in body
    /// are then not seen; the default reads the whole page so rules can report them.
    /// </summary>
    public bool HeadOnly { get; init; }

    /// <summary>How many <c>&lt;img src&gt;</c> to keep in <see cref="PageMeta.BodyImages"/>.</summary>
    public int MaxBodyImages { get; init; } = 10;
}
