using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace CardService.Worker.Tests.Support;

/// <summary>A function as the worker described it in <c>FunctionMetadataResponse</c>: what the host would route to it.</summary>
public sealed record DeclaredFunction(string Name, string FunctionId, string Route, IReadOnlyList<string> Methods, string AuthLevel, string TriggerName, RpcFunctionMetadata Metadata)
{
    private const string CatchAll = "/{*path}";

    public static DeclaredFunction From(RpcFunctionMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var trigger = metadata.RawBindings.Select(raw => JsonNode.Parse(raw)!).Single(b => (string?)b["type"] == "httpTrigger");
        return new DeclaredFunction(
            metadata.Name,
            metadata.FunctionId,
            (string?)trigger["route"] ?? metadata.Name,
            [.. trigger["methods"]!.AsArray().Select(m => ((string)m!).ToUpperInvariant())],
            ((string)trigger["authLevel"]!).ToLowerInvariant(),
            (string)trigger["name"]!,
            metadata);
    }

    /// <summary>Matches a path (no leading slash, routePrefix "") the way the host's routes do for these templates: literal, or a trailing catch-all.</summary>
    public bool Matches(string method, string path) =>
        Methods.Contains(method, StringComparer.OrdinalIgnoreCase)
        && (Route.EndsWith(CatchAll, StringComparison.Ordinal)
            ? path == Route[..^CatchAll.Length] || path.StartsWith(Route[..^CatchAll.Length] + "/", StringComparison.Ordinal)
            : path == Route);
}
