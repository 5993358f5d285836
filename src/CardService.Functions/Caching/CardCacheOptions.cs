using System.ComponentModel.DataAnnotations;

namespace CardService.Functions.Caching;

/// <summary>Bounds the in-memory card cache.</summary>
public sealed class CardCacheOptions
{
    public const string SectionName = "CardCache";

    /// <summary>Total bytes of encoded images kept; 0 turns the cache off. Default 64 MiB.</summary>
    [Range(0L, 16L * 1024 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;
}
