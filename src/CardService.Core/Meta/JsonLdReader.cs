using System.Collections.Immutable;
using System.Text.Json;

namespace CardService.Core.Meta;

/// <summary>Parses JSON-LD script text strictly (Google ignores invalid blocks) and pulls out well-known fields.</summary>
internal static class JsonLdReader
{
    // Strict on purpose: a trailing comma or a comment makes Google drop the block, so it must show as an error here.
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 64 };

    public static JsonLdBlock Read(int index, string raw, int? position, bool inHead)
    {
        try
        {
            using var document = JsonDocument.Parse(raw, Strict);
            var items = ImmutableArray.CreateBuilder<JsonLdItem>();
            Collect(document.RootElement, fromGraph: false, items);
            return new JsonLdBlock(index, raw, null, items.ToImmutable(), position) { InHead = inHead };
        }
        catch (JsonException exception)
        {
            var error = new JsonLdError(exception.Message, exception.LineNumber, exception.BytePositionInLine);
            return new JsonLdBlock(index, raw, error, [], position) { InHead = inHead };
        }
    }

    private static void Collect(JsonElement element, bool fromGraph, ImmutableArray<JsonLdItem>.Builder items)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray())
            {
                Collect(child, fromGraph, items);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var hasGraph = element.TryGetProperty("@graph", out var graph);
        // A wrapper that only carries @context and @graph is not an item of its own.
        if (!hasGraph || element.TryGetProperty("@type", out _))
        {
            items.Add(ToItem(element, fromGraph));
        }

        if (hasGraph)
        {
            Collect(graph, fromGraph: true, items);
        }
    }

    private static JsonLdItem ToItem(JsonElement e, bool fromGraph) => new(Strings(e, "@type"))
    {
        FromGraph = fromGraph,
        Id = String(e, "@id"),
        Context = String(e, "@context"),
        Headline = String(e, "headline"),
        Name = String(e, "name"),
        Description = String(e, "description"),
        Url = String(e, "url"),
        Images = Urls(e, "image"),
        AuthorNames = Names(e, "author"),
        DatePublished = String(e, "datePublished"),
        DateModified = String(e, "dateModified"),
        PublisherName = Names(e, "publisher") is [var first, ..] ? first : null,
        PublisherLogo = e.TryGetProperty("publisher", out var publisher) && publisher.ValueKind == JsonValueKind.Object
            ? Urls(publisher, "logo").FirstOrDefault()
            : null,
        ArticleSections = Strings(e, "articleSection"),
        Keywords = Keywords(e),
        InLanguage = String(e, "inLanguage"),
    };

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? MetaText.NullIfEmpty(MetaText.Collapse(value.GetString())) : null;

    private static ImmutableArray<string> Strings(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => MetaText.NullIfEmpty(MetaText.Collapse(value.GetString())) is { } s ? [s] : [],
            JsonValueKind.Array => [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String)
                .Select(v => MetaText.Collapse(v.GetString())).OfType<string>().Where(s => s.Length > 0)],
            _ => [],
        };
    }

    // image / logo: "url", {"url": …} or {"contentUrl": …} or {"@id": …}, or an array of those.
    private static ImmutableArray<string> Urls(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) ? [.. Flatten(value).Select(UrlOf).OfType<string>()] : [];

    private static string? UrlOf(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => MetaText.NullIfEmpty(v.GetString()?.Trim()),
        JsonValueKind.Object => String(v, "url") ?? String(v, "contentUrl") ?? String(v, "@id"),
        _ => null,
    };

    // author / publisher: "Name", {"name": …}, or an array of those.
    private static ImmutableArray<string> Names(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) ? [.. Flatten(value).Select(NameOf).OfType<string>()] : [];

    private static string? NameOf(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => MetaText.NullIfEmpty(MetaText.Collapse(v.GetString())),
        JsonValueKind.Object => String(v, "name"),
        _ => null,
    };

    private static ImmutableArray<string> Keywords(JsonElement e)
    {
        if (!e.TryGetProperty("keywords", out var value))
        {
            return [];
        }

        var parts = value.ValueKind == JsonValueKind.String
            ? (value.GetString() ?? string.Empty).Split(',')
            : [.. Flatten(value).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString() ?? string.Empty)];
        return [.. parts.Select(MetaText.Collapse).OfType<string>().Where(s => s.Length > 0)];
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            yield return value;
            yield break;
        }

        foreach (var item in value.EnumerateArray())
        {
            yield return item;
        }
    }
}
