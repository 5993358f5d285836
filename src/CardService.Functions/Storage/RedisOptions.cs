namespace CardService.Functions.Storage;

/// <summary>An optional Redis shared by every instance, behind HybridCache, for page answers (<c>/meta</c>, <c>/validate</c>).</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>host:6379,password=…,ssl=true</c>); absent leaves Redis off.</summary>
    public string? Configuration { get; set; }
}
