using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CardService.Core.Fonts;

/// <summary>
/// A user's own font file (TTF, OTF or WOFF 1.0), opened as a face that goes in front of the bundled chain. WOFF is
/// unpacked in memory (<see cref="WoffReader"/>); WOFF2, collections and anything else are refused with a sentence.
/// </summary>
public static class BrandFont
{
    private const uint TrueType = 0x00010000;
    private const uint AppleTrueType = 0x74727565; // "true"
    private const uint OpenTypeCff = 0x4F54544F; // "OTTO"
    private const uint Woff2 = 0x774F4632; // "wOF2"
    private const uint Collection = 0x74746366; // "ttcf"

    /// <summary>The face in <paramref name="path"/>, or why it cannot be used: a sentence naming the file.</summary>
    public static (FontFace? Face, string? Problem) Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (bytes, readProblem) = Read(path);
        if (bytes is null)
        {
            return (null, readProblem);
        }

        var (sfnt, problem) = Sfnt(bytes);
        if (sfnt is null)
        {
            return (null, $"'{path}' is {problem}.");
        }

        var face = FontFace.FromMemory(sfnt, Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        if (face is null || face.GlyphCount <= 1 || face.UnitsPerEm <= 0)
        {
            face?.Dispose();
            return (null, $"'{path}' is not a font Skia and HarfBuzz can read: its tables are damaged or missing.");
        }

        return (face, null);
    }

    /// <summary>
    /// The file's bytes, read safely: a regular file (links followed) whose size is checked before it is opened, so a
    /// device (<c>/dev/zero</c>), a pipe or a folder is refused instead of filling memory or blocking.
    /// </summary>
    private static (byte[]? Bytes, string? Problem) Read(string path)
    {
        try
        {
            var file = new FileInfo(path);
            var target = file.LinkTarget is null ? file : file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
            if (target is null || !target.Exists)
            {
                return (null, Directory.Exists(path) ? $"'{path}' is a folder, not a font file." : $"there is no font file at '{path}'.");
            }

            if (target.Length == 0)
            {
                return (null, $"'{path}' is empty or not a regular file (a device, pipe or socket).");
            }

            if (target.Length > WoffReader.MaxSfntBytes)
            {
                return (null, $"'{path}' has {target.Length} bytes, more than the {WoffReader.MaxSfntBytes} a font may have.");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            var bytes = new byte[target.Length];
            return stream.CanSeek && stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) == bytes.Length
                ? (bytes, null)
                : (null, $"'{path}' changed while it was read, or is not a regular file.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"'{path}' cannot be read: {e.Message}");
        }
    }

    /// <summary>The sfnt bytes of a font file by its first four bytes, or what the file is instead.</summary>
    private static (byte[]? Sfnt, string? Problem) Sfnt(byte[] bytes)
    {
        var signature = bytes.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : 0;
        return signature switch
        {
            TrueType or AppleTrueType or OpenTypeCff => (bytes, null),
            WoffReader.Signature => WoffReader.ToSfnt(bytes),
            Woff2 => (null, "WOFF2, which this service does not unpack (Brotli plus table transforms): give the font's TTF, OTF or WOFF file"),
            Collection => (null, "a font collection (TTC): give a single TTF or OTF face"),
            _ => (null, "not a TTF, OTF or WOFF font (its first bytes are no font signature)"),
        };
    }
}
