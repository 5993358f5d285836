using System.ComponentModel.DataAnnotations;

namespace CardService.Functions.Endpoints;

/// <summary>Limits on <c>/meta</c> and <c>/validate</c> requests.</summary>
public sealed class InspectRequestOptions
{
    public const string SectionName = "InspectRequests";

    /// <summary>Largest POST body accepted; a body may carry a whole page's HTML. Default 4 MiB.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;
}
