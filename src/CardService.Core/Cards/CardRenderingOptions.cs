using System.ComponentModel.DataAnnotations;

namespace CardService.Core.Cards;

/// <summary>
/// What rendering may hold in memory, so the process stays inside its instance (a 512 MB Flex instance, a 256 MB pod)
/// whatever it is asked to draw. Logos and backgrounds are decoded at the size they are drawn, so their source size costs
/// time, not memory; these bounds cover the rest. Defaults suit a 256 MB pod with two cores.
/// </summary>
public sealed class CardRenderingOptions : IValidatableObject
{
    public const string SectionName = "Rendering";

    /// <summary>The most pixels a logo or background may declare (a 6000×6000 photo is 36 M). Default 40 million.</summary>
    [Range(1L, 1_000_000_000L)]
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>
    /// The most pixels decoded whole, for images that cannot be sampled while decoding (GIF, interlaced PNG, progressive
    /// JPEG): such an image declaring more is refused. Default 4 million (16 MB decoded).
    /// </summary>
    [Range(1L, 100_000_000L)]
    public long MaxUnsampledPixels { get; set; } = 4_000_000;

    /// <summary>Cards drawn at once; a card up to 2400×2400 holds ≈ 25–70 MB while it is drawn and encoded. Default 2.</summary>
    [Range(1, 64)]
    public int MaxConcurrentRenders { get; set; } = 2;

    /// <summary>Requests that may wait for a render slot; more are answered 503 with Retry-After. Default 64.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedRenders { get; set; } = 64;

    /// <summary>Skia's glyph cache (process-wide). Default 4 MiB.</summary>
    [Range(256L * 1024, 1024L * 1024 * 1024)]
    public long FontCacheBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>Skia's resource cache for decoded images and mipmaps (process-wide). Default 4 MiB.</summary>
    [Range(0L, 1024L * 1024 * 1024)]
    public long ResourceCacheBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>Theme gradients kept drawn, by theme and card size (1200×630 is ≈ 3 MB). Default 16 MiB.</summary>
    [Range(0L, 1024L * 1024 * 1024)]
    public long GradientCacheBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// Background images kept decoded at the size they cover, by their bytes and that size (a 1200×630 card's is ≈ 3 MB),
    /// least recently used dropped first. Default 12 MiB.
    /// </summary>
    [Range(0L, 1024L * 1024 * 1024)]
    public long CoverCacheBytes { get; set; } = 12L * 1024 * 1024;

    /// <summary>
    /// Pixel memory for drawing surfaces kept between cards, in use and kept together (a 1200×630 card draws on ≈ 3 MB):
    /// reusing it spares the kernel mapping fresh pages for every card. A card that does not fit draws on memory of its
    /// own, freed with it. Default 8 MiB; 0 keeps none.
    /// </summary>
    [Range(0L, 1024L * 1024 * 1024)]
    public long SurfacePoolBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>glibc malloc arenas (its default is 8 per core): fewer arenas, less memory stranded in them. Default 2.</summary>
    [Range(1, 64)]
    public int MallocArenas { get; set; } = 2;

    /// <summary>
    /// Native allocations this large get their own mapping, returned to the system when freed. Default 128 KiB. 512 KiB puts
    /// zlib's per-card deflate state in the arenas and halves an uncached card's CPU, for ≈ 40–60 MB more resident memory
    /// under 32 concurrent renders (docs/PERFORMANCE.md).
    /// </summary>
    [Range(4096, 32 * 1024 * 1024)]
    public int MallocMmapThresholdBytes { get; set; } = 128 * 1024;

    /// <summary>
    /// The most the managed heap may hold (card cache included); 0, the default, leaves the runtime's limit (75 % of a
    /// container's memory limit). A 256 MB pod sets 64 MiB with a 16 MiB card cache: docs/PERFORMANCE.md#memory.
    /// </summary>
    [Range(0L, 1024L * 1024 * 1024 * 1024)]
    public long ManagedHeapLimitBytes { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ManagedHeapLimitBytes is > 0 and < ManagedHeap.MinLimitBytes)
        {
            yield return new ValidationResult(
                $"must be 0 (the runtime's limit) or at least {ManagedHeap.MinLimitBytes} (32 MiB).",
                [nameof(ManagedHeapLimitBytes)]);
        }
    }
}
