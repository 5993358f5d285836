using System.ComponentModel.DataAnnotations;

namespace CardService.Functions.Endpoints;

/// <summary>Limits on card requests.</summary>
public sealed class CardRequestOptions
{
    public const string SectionName = "CardRequests";

    /// <summary>Largest POST body accepted; <c>data:</c> URI logos and backgrounds make bodies big. Default 2 MiB.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 2 * 1024 * 1024;
}
