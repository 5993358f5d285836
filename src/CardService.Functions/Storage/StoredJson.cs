using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CardService.Core.Inspection;
using Microsoft.Extensions.Caching.Hybrid;

namespace CardService.Functions.Storage;

/// <summary>
/// The JSON that shared answers are kept in, generated at build time from Core's records: every public property written,
/// every one read back through the records' constructors and <c>init</c> setters, so an inspection read from Redis is the
/// one another instance made (findings, best values, JSON-LD, charset facts and the decoded page included).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PageInspection))]
internal sealed partial class StoredJson : JsonSerializerContext;

/// <summary>HybridCache's serializer for one type, through its generated <see cref="JsonTypeInfo{T}"/>.</summary>
internal sealed class StoredJsonSerializer<T>(JsonTypeInfo<T> type) : IHybridCacheSerializer<T>
{
    // JSON null is HybridCache's own copy of a lookup's "nothing" (HybridEntries), handed back as null.
    public T Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        return JsonSerializer.Deserialize(ref reader, type)!;
    }

    public void Serialize(T value, IBufferWriter<byte> target)
    {
        using var writer = new Utf8JsonWriter(target);
        JsonSerializer.Serialize(writer, value, type);
    }
}
