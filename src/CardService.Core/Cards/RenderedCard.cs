using System.Collections.Immutable;

namespace CardService.Core.Cards;

/// <summary>A rendered card: the encoded image and what a caller needs to serve it.</summary>
/// <param name="Bytes">The encoded image.</param>
/// <param name="ContentType">The image's media type, e.g. <c>image/png</c>.</param>
/// <param name="ETag">A strong validator (quoted) derived from the spec and the renderer's version.</param>
/// <param name="MissingCodePoints">Code points in the spec's text that no bundled font can draw.</param>
public sealed record RenderedCard(
    ReadOnlyMemory<byte> Bytes,
    string ContentType,
    string ETag,
    ImmutableArray<int> MissingCodePoints);
