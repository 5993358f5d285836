using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CardService.Core.Fonts;

/// <summary>The weights a card draws text in.</summary>
public enum FontWeight
{
    Regular,
    Bold,
}

/// <summary>
/// Which face of the CJK collection to draw Han characters with: the same code point has a different
/// glyph in Japanese, Korean and Chinese typography. Face indices are those of Noto Sans CJK's TTC.
/// </summary>
public enum CjkVariant
{
    Japanese = 0,
    Korean = 1,
    SimplifiedChinese = 2,
}

/// <summary>
/// The bundled fonts as one fallback chain per weight: the brand font when one is configured (<see cref="FontOptions.Title"/>
/// for bold text, <see cref="FontOptions.Body"/> for regular), then Inter, then Noto faces for other scripts, then colour emoji.
/// Loads from <see cref="FontOptions.Directory"/> and the brand font files only, never from the system, so a card looks the same everywhere.
/// Inter is opened at start; every other face (CJK and emoji are tens of MB) the first time a text needs it.
/// Thread-safe; one instance serves the whole app.
/// </summary>
public sealed class FontRegistry : IDisposable
{
    /// <summary>The chain after the primary face, in the order faces are tried. A slot with ranges is only tried inside them.</summary>
    private static readonly FallbackSlot[] Chain =
    [
        new("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", []),
        new("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", [(0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)]),
        new("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", [(0x0590, 0x05FF), (0xFB1D, 0xFB4F)]),
        new("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", [(0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF)]),
        new("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", [(0x0E00, 0x0E7F)]),
        new("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc",
            [(0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3000, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF)],
            IsCjk: true),
    ];

    internal const string PrimaryRegularFile = "Inter-Regular.otf";
    internal const string PrimaryBoldFile = "Inter-Bold.otf";
    internal const string EmojiFile = "NotoColorEmoji.ttf";

    private readonly string _directory;
    private readonly FontFace _regular;
    private readonly FontFace _bold;
    private readonly FontFace? _brandTitle;
    private readonly FontFace? _brandBody;
    private readonly Lazy<FontFace> _emoji;
    // Keyed "file#index": a string key shares the framework's precompiled dictionary code (a tuple key is JIT work at start).
    private readonly ConcurrentDictionary<string, Lazy<FontFace>> _faces = new(StringComparer.Ordinal);

    public FontRegistry(FontOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = options.Directory;

        var missing = AllFiles().Where(f => !File.Exists(Path.Combine(_directory, f))).ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException($"The font folder '{_directory}' lacks: {string.Join(", ", missing)}.");
        }

        _regular = Open(PrimaryRegularFile, 0);
        _bold = Open(PrimaryBoldFile, 0);
        _emoji = new Lazy<FontFace>(() => Open(EmojiFile, 0, isEmoji: true));
        try
        {
            _brandTitle = OpenBrand(options.Title, nameof(FontOptions.Title));
            _brandBody = OpenBrand(options.Body, nameof(FontOptions.Body));
        }
        catch (InvalidDataException)
        {
            _brandTitle?.Dispose();
            _regular.Dispose();
            _bold.Dispose();
            throw;
        }

        BrandIdentity = IdentityOf(_brandTitle, _brandBody);
    }

    /// <summary>
    /// Which brand fonts draw the cards, for cache keys: empty with the bundled fonts alone, else a hash of each brand
    /// font's bytes and role, so changing the brand font changes every card's ETag.
    /// </summary>
    public string BrandIdentity { get; }

    /// <summary>The face text is drawn in unless it needs another script's: the brand font when one is set for the weight, else Inter.</summary>
    public FontFace Primary(FontWeight weight) => Brand(weight) ?? Bundled(weight);

    private FontFace? Brand(FontWeight weight) => weight == FontWeight.Bold ? _brandTitle : _brandBody;

    private FontFace Bundled(FontWeight weight) => weight == FontWeight.Bold ? _bold : _regular;

    /// <summary>The colour emoji face (opened on first use).</summary>
    public FontFace Emoji => _emoji.Value;

    /// <summary>How many faces are open now; large fallbacks open only when a text needs them.</summary>
    public int OpenFaceCount =>
        2 + (_brandTitle is null ? 0 : 1) + (_brandBody is null ? 0 : 1) + (_emoji.IsValueCreated ? 1 : 0) + _faces.Values.Count(f => f.IsValueCreated);

    /// <summary>The first face in the chain that draws the code point, or null when no bundled font does (emoji excluded: see <see cref="Emoji"/>).</summary>
    public FontFace? FindText(int codePoint, FontWeight weight, CjkVariant cjk)
    {
        if (Brand(weight) is { } brand && brand.HasGlyph(codePoint))
        {
            return brand;
        }

        var primary = Bundled(weight);
        if (primary.HasGlyph(codePoint))
        {
            return primary;
        }

        foreach (var slot in Chain)
        {
            if (!slot.Covers(codePoint))
            {
                continue;
            }

            var face = Face(weight == FontWeight.Bold ? slot.BoldFile : slot.RegularFile, slot.IsCjk ? (int)cjk : 0);
            if (face.HasGlyph(codePoint))
            {
                return face;
            }
        }

        return null;
    }

    private FontFace Face(string file, int index) =>
        _faces.GetOrAdd(string.Create(CultureInfo.InvariantCulture, $"{file}#{index}"), _ => new Lazy<FontFace>(() => Open(file, index))).Value;

    private FontFace Open(string file, int index, bool isEmoji = false) =>
        new(Path.Combine(_directory, file), index, isEmoji);

    /// <summary>The brand face at <paramref name="path"/> (null when none is set); a file that cannot be used throws with the setting's name and why.</summary>
    private static FontFace? OpenBrand(string? path, string setting)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var (face, problem) = BrandFont.Open(path);
        return face ?? throw new InvalidDataException($"{FontOptions.SectionName}:{setting}: {problem}");
    }

    private static string IdentityOf(FontFace? title, FontFace? body)
    {
        if (title is null && body is null)
        {
            return string.Empty;
        }

        // The files' bytes, not their paths or times: the same font copied elsewhere keeps its cards, an edited one changes them.
        var key = $"title:{title?.ContentHash}\nbody:{body?.ContentHash}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));
    }

    private static IEnumerable<string> AllFiles() =>
        [PrimaryRegularFile, PrimaryBoldFile, EmojiFile, .. Chain.SelectMany(s => new[] { s.RegularFile, s.BoldFile })];

    public void Dispose()
    {
        _regular.Dispose();
        _bold.Dispose();
        _brandTitle?.Dispose();
        _brandBody?.Dispose();
        if (_emoji.IsValueCreated)
        {
            _emoji.Value.Dispose();
        }

        foreach (var face in _faces.Values.Where(f => f.IsValueCreated))
        {
            face.Value.Dispose();
        }
    }

    private sealed record FallbackSlot(string RegularFile, string BoldFile, (int First, int Last)[] Ranges, bool IsCjk = false)
    {
        public bool Covers(int codePoint) =>
            Ranges.Length == 0 || InRanges(codePoint);

        private bool InRanges(int codePoint)
        {
            foreach (var (first, last) in Ranges)
            {
                if (codePoint >= first && codePoint <= last)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
