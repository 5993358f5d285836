namespace CardService.Cli.SiteCards;

/// <summary>What <see cref="SiteCardMaker"/> does; values left null come from the site's <c>cardservice.yml</c>, then the defaults here.</summary>
public sealed record SiteCardOptions
{
    /// <summary>The site's own settings file, beside its generator's configuration.</summary>
    public const string ConfigFile = "cardservice.yml";

    /// <summary>Where a post's card goes when the post names no image, relative to the site's web root.</summary>
    public const string DefaultOut = "seo/{date}.png";

    /// <summary>The same for a post with no date (neither in front matter nor in its file name).</summary>
    public const string UndatedOut = "seo/{slug}.png";

    /// <summary>How a card's footer writes the post's date (.NET format, invariant culture): "Jan 11, 2022".</summary>
    public const string DefaultDateFormat = "MMM d, yyyy";

    /// <summary>The site's root folder (where <c>_config.yml</c>, <c>hugo.toml</c> or the Eleventy config is).</summary>
    public required string SiteRoot { get; init; }

    /// <summary>An output path template with <c>{date}</c>, <c>{slug}</c>, <c>{year}</c>; its extension picks the image format.</summary>
    public string? Out { get; init; }

    /// <summary>Which files are posts (relative to the root); empty: the generator's own folders.</summary>
    public IReadOnlyList<string> Globs { get; init; } = [];

    /// <summary>Theme, accent, logo, background and size for every card; a post's <c>card:</c> map overrides them.</summary>
    public CardLook Look { get; init; } = new();

    public string? DateFormat { get; init; }

    /// <summary>Make every card again, even those the manifest says are current.</summary>
    public bool Force { get; init; }

    /// <summary>Plan and report, writing nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Add <c>image:</c> and <c>image_alt:</c> to posts that name no image.</summary>
    public bool WriteFrontMatter { get; init; }

    /// <summary>Cards rendered at once; default one per core.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>A folder of fonts instead of the bundled ones.</summary>
    public string? FontsDirectory { get; init; }

    /// <summary>A brand font file (TTF, OTF or WOFF) for titles and category labels, in front of the bundled ones; else <c>title_font</c> in cardservice.yml.</summary>
    public string? TitleFont { get; init; }

    /// <summary>A brand font file for the body text (description, footer); else <c>body_font</c> in cardservice.yml.</summary>
    public string? BodyFont { get; init; }
}
