using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace CardService.Infra.Tests.Support;

/// <summary>Reads YAML (values files, Helm's rendered manifests) into plain dictionaries and lists, and walks them.</summary>
internal static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    /// <summary>Every non-empty document of a multi-document stream.</summary>
    public static IReadOnlyList<Dictionary<object, object>> ReadDocuments(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        var documents = new List<Dictionary<object, object>>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (Deserializer.Deserialize<Dictionary<object, object>?>(parser) is { } document)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    public static Dictionary<object, object> ReadMap(string text) =>
        Deserializer.Deserialize<Dictionary<object, object>>(text) ?? throw new InvalidDataException("The YAML is empty.");

    /// <summary>The node at a path of map keys and list indices, or null when any step is missing.</summary>
    public static object? At(this object? node, params object[] path)
    {
        foreach (var step in path)
        {
            node = (node, step) switch
            {
                (Dictionary<object, object> map, string key) => map.GetValueOrDefault(key),
                (List<object> list, int index) => index < list.Count ? list[index] : null,
                _ => null,
            };
        }

        return node;
    }

    public static string? Text(this object? node, params object[] path) => node.At(path)?.ToString();

    public static IReadOnlyList<object> Items(this object? node, params object[] path) => node.At(path) as List<object> ?? [];

    public static Dictionary<object, object> Map(this object? node, params object[] path) =>
        node.At(path) as Dictionary<object, object> ?? [];
}
