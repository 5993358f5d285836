using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using HarfBuzzSharp;
using SkiaSharp;
using HbBlob = HarfBuzzSharp.Blob;
using HbFace = HarfBuzzSharp.Face;
using HbFont = HarfBuzzSharp.Font;

namespace CardService.Core.Fonts;

/// <summary>
/// One face of one font file: the Skia typeface that draws it and the HarfBuzz font that shapes it.
/// Built once per face and shared by every render (HarfBuzz fonts are immutable once scaled, so shaping is thread-safe).
/// </summary>
public sealed class FontFace : IDisposable
{
    private readonly HbBlob _blob;
    private readonly HbFace _hbFace;

    internal FontFace(string path, int faceIndex, bool isEmoji)
        : this(
            SKTypeface.FromFile(path, faceIndex) ?? throw new FileNotFoundException($"Font '{Path.GetFileName(path)}' (face {faceIndex}) is missing or unreadable.", path),
            MapFile(path),
            faceIndex,
            isEmoji,
            $"{Path.GetFileName(path)}#{faceIndex}")
    {
    }

    private FontFace(SKTypeface typeface, HbBlob blob, int faceIndex, bool isEmoji, string name)
    {
        Typeface = typeface;
        _blob = blob;
        _hbFace = new HbFace(_blob, faceIndex);
        UnitsPerEm = _hbFace.UnitsPerEm;
        GlyphCount = _hbFace.GlyphCount;

        // Shaping at the face's own units keeps advances exact; callers scale by size / UnitsPerEm.
        Shaper = new HbFont(_hbFace);
        Shaper.SetScale(UnitsPerEm, UnitsPerEm);
        IsEmoji = isEmoji;
        using var font = new SKFont(Typeface, 1000);
        AscentEm = -font.Metrics.Ascent / 1000;
        DescentEm = font.Metrics.Descent / 1000;
        Name = name;
    }

    /// <summary>
    /// A face from sfnt (TTF/OTF) bytes held in memory, such as an unpacked WOFF; null when Skia cannot read them.
    /// Skia and HarfBuzz each get their own copy, released with the face.
    /// </summary>
    internal static FontFace? FromMemory(ReadOnlySpan<byte> sfnt, string name, string contentHash)
    {
        using var data = SKData.CreateCopy(sfnt);
        var typeface = SKTypeface.FromData(data);
        if (typeface is null)
        {
            return null;
        }

        return new FontFace(typeface, CopyToBlob(sfnt), 0, isEmoji: false, name) { ContentHash = contentHash };
    }

    /// <summary>File name and face index, for diagnostics.</summary>
    public string Name { get; }

    public SKTypeface Typeface { get; }

    internal HbFont Shaper { get; }

    public int UnitsPerEm { get; }

    /// <summary>SHA-256 (hex) of the file a brand face was read from; null for the bundled faces.</summary>
    public string? ContentHash { get; private init; }

    /// <summary>How many glyphs the face has, as HarfBuzz reads it (0 when it cannot read the tables).</summary>
    public int GlyphCount { get; }

    /// <summary>Height above the baseline, in em, from the font's own metrics.</summary>
    public float AscentEm { get; }

    /// <summary>Depth below the baseline, in em.</summary>
    public float DescentEm { get; }

    /// <summary>A colour emoji face: drawn as-is, never coloured by the text paint.</summary>
    public bool IsEmoji { get; }

    /// <summary>
    /// Whether this face has a glyph for the code point (its cmap maps it). A private-use code point never counts: it means
    /// whatever the text's author agreed with their own font, and a bundled font's glyph there (Inter has some) is something else.
    /// </summary>
    public bool HasGlyph(int codePoint) =>
        !IsPrivateUse(codePoint) && Shaper.TryGetGlyph(codePoint, out var glyph) && glyph != 0;

    private static bool IsPrivateUse(int codePoint) =>
        codePoint is (>= 0xE000 and <= 0xF8FF) or (>= 0xF0000 and <= 0x10FFFD);

    public override string ToString() => Name;

    // HarfBuzzSharp's Blob.FromFile copies the whole file into memory, once per face: 20 MB for each face of the CJK
    // collection. Mapped, only the tables shaping reads become resident, as file pages the kernel can drop.
    private static unsafe HbBlob MapFile(string path)
    {
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        return new HbBlob((IntPtr)(start + view.PointerOffset), checked((int)new FileInfo(path).Length), MemoryMode.ReadOnly, () =>
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            view.Dispose();
            file.Dispose();
        });
    }

    private static unsafe HbBlob CopyToBlob(ReadOnlySpan<byte> bytes)
    {
        var memory = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
        bytes.CopyTo(new Span<byte>(memory, bytes.Length));
        return new HbBlob((IntPtr)memory, bytes.Length, MemoryMode.ReadOnly, () => NativeMemory.Free(memory));
    }

    public void Dispose()
    {
        Shaper.Dispose();
        _hbFace.Dispose();
        _blob.Dispose();
        Typeface.Dispose();
    }
}
