using System.ComponentModel.DataAnnotations;

namespace CardService.Functions.Caching;

/// <summary>Bounds the in-memory card cache and the query strings remembered for it.</summary>
public sealed class CardCacheOptions
{
    public const string SectionName = "CardCache";

    /// <summary>Total bytes of encoded images kept; 0 turns the cache off. Default 64 MiB.</summary>
    [Range(0L, 16L * 1024 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Plain cards' ETags remembered by query string (<see cref="QueryETags"/>); 0 turns that off. Default 4096 (≤ 8 MiB).</summary>
    [Range(0, 1_000_000)]
    public int QueryETags { get; set; } = 4096;
}
