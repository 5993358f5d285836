using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CardService.Core.Cards;

namespace CardService.Cli.SiteCards;

/// <summary>
/// What one card was made from (<see cref="Key"/>) and the file as written: its hash, and its length and time so an
/// untouched file is recognised without reading it (as make and git do).
/// </summary>
public sealed record ManifestEntry(string Key, string Sha256, long Length, long WriteTicks);

/// <summary>
/// <c>.cardservice/manifest.json</c> in the site: for each card, the key it was made from (spec, fonts and renderer
/// version) and the SHA-256 of the file written. Saved atomically (temp file + rename), so a crash leaves the old or the
/// new manifest, never half of one; a card written after the last save is simply made again.
/// </summary>
public sealed class CardManifest
{
    public const string RelativePath = ".cardservice/manifest.json";
    private const int FormatVersion = 2;

    private readonly string _path;
    private readonly Dictionary<string, ManifestEntry> _entries;
    private readonly Lock _gate = new();

    // The font files' names, sizes and times, and the fingerprint last computed for them.
    private (string Stat, string Fingerprint)? _fonts;

    private CardManifest(string path, Dictionary<string, ManifestEntry> entries) => (_path, _entries) = (path, entries);

    /// <summary>The manifest of the site at <paramref name="root"/>; empty when it is missing or unreadable (every card is then made).</summary>
    public static CardManifest Load(string root)
    {
        var path = Path.Combine(root, RelativePath);
        var entries = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        (string, string)? fonts = null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number && version.GetInt32() == FormatVersion
                && document.RootElement.TryGetProperty("cards", out var cards) && cards.ValueKind == JsonValueKind.Object)
            {
                if (document.RootElement.TryGetProperty("fonts", out var known) && known.ValueKind == JsonValueKind.Object)
                {
                    fonts = (known.GetProperty("stat").GetString() ?? string.Empty, known.GetProperty("fingerprint").GetString() ?? string.Empty);
                }

                foreach (var card in cards.EnumerateObject())
                {
                    if (card.Value.ValueKind == JsonValueKind.Object && card.Value.TryGetProperty("key", out var key) && card.Value.TryGetProperty("sha256", out var sha)
                        && card.Value.TryGetProperty("length", out var length) && card.Value.TryGetProperty("writeTicks", out var ticks))
                    {
                        entries[card.Name] = new ManifestEntry(key.GetString() ?? string.Empty, sha.GetString() ?? string.Empty, length.GetInt64(), ticks.GetInt64());
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // Missing or damaged: start again, which only costs making every card once.
        }

        return new CardManifest(path, entries) { _fonts = fonts };
    }

    /// <summary>Whether <see cref="FontsFingerprint"/> had to compute the fingerprint (worth saving even when no card is made).</summary>
    public bool FontsChanged { get; private set; }

    /// <summary>
    /// The fonts' fingerprint: <paramref name="compute"/>'s, reused from the last run while the font files' names, sizes
    /// and times are the same (reading 50 MB of fonts would be most of a no-change run). Brand fonts count by role and path.
    /// </summary>
    public string FontsFingerprint(FontFiles fonts, Func<FontFiles, string> compute)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        ArgumentNullException.ThrowIfNull(compute);
        var stat = string.Join('\n', fonts.All().Select(f => (f.Label, Info: new FileInfo(f.Path)))
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Label}={f.Info.FullName}:{(f.Info.Exists ? f.Info.Length : -1)}:{f.Info.LastWriteTimeUtc.Ticks}")));
        if (_fonts is not { } known || known.Stat != stat)
        {
            _fonts = (stat, compute(fonts));
            FontsChanged = true;
        }

        return _fonts.Value.Fingerprint;
    }

    /// <summary>The key a card is made from: the spec's ETag (which includes the renderer's version) and the fonts.</summary>
    public static string KeyFor(CardSpec spec, string fontsFingerprint) => $"{CardRenderer.ETagFor(spec).Trim('"')}/{fontsFingerprint}";

    /// <summary>Whether the card at <paramref name="file"/> (site-relative <paramref name="name"/>) exists as written for <paramref name="key"/>.</summary>
    public bool IsCurrent(string name, string file, string key)
    {
        ManifestEntry? entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(name, out entry) || entry.Key != key)
            {
                return false;
            }
        }

        return IsAsWritten(entry, file);
    }

    /// <summary>Whether <paramref name="file"/> is a card this tool wrote and nobody has changed since.</summary>
    public bool IsUntouched(string name, string file)
    {
        ManifestEntry? entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(name, out entry))
            {
                return false;
            }
        }

        return IsAsWritten(entry, file);
    }

    /// <summary>Records a card just written to <paramref name="file"/>.</summary>
    public void Record(string name, string key, string file, ReadOnlySpan<byte> bytes)
    {
        var written = new FileInfo(file);
        var entry = new ManifestEntry(key, HashOf(bytes), written.Length, written.LastWriteTimeUtc.Ticks);
        lock (_gate)
        {
            _entries[name] = entry;
        }
    }

    /// <summary>Writes the manifest to a temp file beside it and renames it over the old one.</summary>
    public void Save()
    {
        using var buffer = new MemoryStream();
        lock (_gate)
        {
            using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            if (_fonts is { } fonts)
            {
                json.WriteStartObject("fonts");
                json.WriteString("stat", fonts.Stat);
                json.WriteString("fingerprint", fonts.Fingerprint);
                json.WriteEndObject();
            }

            json.WriteStartObject("cards");
            foreach (var (name, entry) in _entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(name);
                json.WriteString("key", entry.Key);
                json.WriteString("sha256", entry.Sha256);
                json.WriteNumber("length", entry.Length);
                json.WriteNumber("writeTicks", entry.WriteTicks);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        AtomicFile.Write(_path, buffer.ToArray());
    }

    // Same length and time: as written. Otherwise the bytes decide (a copy or checkout changes times, not content).
    private static bool IsAsWritten(ManifestEntry entry, string file)
    {
        var info = new FileInfo(file);
        return info.Exists && info.Length == entry.Length
            && (info.LastWriteTimeUtc.Ticks == entry.WriteTicks || HashOf(File.ReadAllBytes(file)) == entry.Sha256);
    }

    private static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>Writes a whole file or nothing: the bytes go to a temp file in the same folder, then one rename replaces the target.</summary>
public static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
