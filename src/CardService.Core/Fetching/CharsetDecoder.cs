using System.Collections.Frozen;
using System.Text;
using System.Text.Unicode;

namespace CardService.Core.Fetching;

/// <summary>
/// Turns a page's bytes into text the way a browser picks the encoding: BOM, then the
/// <c>Content-Type</c> charset, then a <c>&lt;meta&gt;</c> prescan, then sniffing (UTF-8 if valid,
/// else windows-1252). A declared legacy charset is not trusted over bytes that are valid UTF-8 with
/// non-ASCII text: pages that declare <c>gbk</c> or <c>iso-8859-1</c> but are UTF-8 are common.
/// </summary>
public static class CharsetDecoder
{
    /// <summary>How many bytes the WHATWG prescan looks at (Lighthouse wants the declaration inside them).</summary>
    public const int PrescanBytes = 1024;

    // A declaration after the first 1024 bytes still switches encodings in browsers (the tree builder re-decodes), so look
    // through the whole body when the first 1024 bytes say nothing (ogs-taobao declares gbk at byte 149,437);
    // DeclaredInFirst1024Bytes tells rules which case it was.

    static CharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes <paramref name="body"/> using the BOM, <paramref name="contentType"/>, the meta prescan or sniffing, in that order.</summary>
    /// <param name="body">The response body (possibly cut at a byte cap; a cut UTF-8 sequence at the end is tolerated).</param>
    /// <param name="contentType">The <c>Content-Type</c> header value; null when unknown.</param>
    public static DecodedHtml Decode(ReadOnlySpan<byte> body, string? contentType)
    {
        var headerLabel = CharsetFromContentType(contentType);
        var (metaLabel, inFirst1024) = Prescan(body);
        var declared = headerLabel ?? metaLabel;
        var declaredName = declared is null ? null : WebEncodings.NameForLabel(declared);
        var bom = WebEncodings.DetectBom(body);
        var content = body[bom.Length..];
        var isUtf8 = IsValidUtf8(content);
        var hasNonAscii = !System.Text.Ascii.IsValid(content);

        var result = new DecodedHtml(string.Empty, WebEncodings.Utf8, CharsetSource.Default, declared, inFirst1024)
        {
            HeaderCharset = headerLabel,
            MetaCharset = metaLabel,
            DeclaredEncodingName = declaredName,
            DeclaredLabelUnknown = declared is not null && declaredName is null,
            HasBom = bom.Name is not null,
            IsValidUtf8 = isUtf8,
            HasNonAscii = hasNonAscii,
        };

        string name;
        CharsetSource source;
        var overridden = false;
        if (bom.Name is not null)
        {
            (name, source) = (bom.Name, CharsetSource.Bom);
        }
        else if (declaredName is not null)
        {
            source = headerLabel is not null && WebEncodings.NameForLabel(headerLabel) is not null ? CharsetSource.ContentType : CharsetSource.Meta;
            // A meta tag that could be read as ASCII cannot really be UTF-16: WHATWG reads it as UTF-8.
            name = source == CharsetSource.Meta && declaredName is WebEncodings.Utf16Le or WebEncodings.Utf16Be ? WebEncodings.Utf8 : declaredName;
            if (name != WebEncodings.Utf8 && isUtf8 && hasNonAscii)
            {
                // Legacy multi-byte text is almost never valid UTF-8 by chance; a lying label is far more likely.
                (name, source, overridden) = (WebEncodings.Utf8, CharsetSource.SniffedUtf8, true);
            }
        }
        else if (isUtf8)
        {
            (name, source) = (WebEncodings.Utf8, CharsetSource.SniffedUtf8);
        }
        else
        {
            (name, source) = (WebEncodings.Windows1252, CharsetSource.Default);
        }

        var text = WebEncodings.Get(name).GetString(content);
        return result with { Text = text, EncodingName = name, Source = source, DeclarationOverridden = overridden };
    }

    /// <summary>The <c>charset</c> parameter of a <c>Content-Type</c> value, unquoted; null when absent or empty.</summary>
    public static string? CharsetFromContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        foreach (var part in contentType.Split(';'))
        {
            var value = CharsetParameter(part);
            if (value is not null)
            {
                return value;
            }
        }

        return null;
    }

    // "charset=x" or " charset = \"x\"" → x.
    private static string? CharsetParameter(string part)
    {
        var index = part.IndexOf("charset", StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return null;
        }

        var rest = part[(index + "charset".Length)..].TrimStart();
        if (!rest.StartsWith('='))
        {
            return null;
        }

        var value = rest[1..].Trim().Trim('"', '\'').Trim();
        return value.Length == 0 ? null : value;
    }

    private static (string? Label, bool InFirst1024) Prescan(ReadOnlySpan<byte> body)
    {
        var first = MetaPrescan.Find(body[..Math.Min(body.Length, PrescanBytes)]);
        if (first is not null)
        {
            return (first, true);
        }

        var later = body.Length > PrescanBytes ? MetaPrescan.FindLate(body) : null;
        return (later, false);
    }

    // A body cut at a byte cap may end inside a sequence: that alone does not make it "not UTF-8".
    private static bool IsValidUtf8(ReadOnlySpan<byte> content)
    {
        if (Utf8.IsValid(content))
        {
            return true;
        }

        for (var cut = 1; cut <= 3 && cut <= content.Length; cut++)
        {
            var b = content[^cut];
            if (b >= 0xC0)
            {
                return Utf8.IsValid(content[..^cut]);
            }

            if (b < 0x80)
            {
                return false;
            }
        }

        return false;
    }
}

/// <summary>WHATWG encoding labels and names, mapped onto .NET encodings (code pages registered by <see cref="CharsetDecoder"/>).</summary>
internal static class WebEncodings
{
    public const string Utf8 = "UTF-8";
    public const string Windows1252 = "windows-1252";
    public const string Utf16Le = "UTF-16LE";
    public const string Utf16Be = "UTF-16BE";

    // WHATWG name → .NET code page. GBK's decoder is the gb18030 decoder (Encoding Standard §10.1).
    private static readonly FrozenDictionary<string, int> CodePages = new Dictionary<string, int>
    {
        [Utf8] = 65001, ["IBM866"] = 866, ["ISO-8859-2"] = 28592, ["ISO-8859-3"] = 28593, ["ISO-8859-4"] = 28594,
        ["ISO-8859-5"] = 28595, ["ISO-8859-6"] = 28596, ["ISO-8859-7"] = 28597, ["ISO-8859-8"] = 28598,
        ["ISO-8859-8-I"] = 38598, ["ISO-8859-13"] = 28603, ["ISO-8859-15"] = 28605, ["KOI8-R"] = 20866,
        ["KOI8-U"] = 21866, ["macintosh"] = 10000, ["windows-874"] = 874, ["windows-1250"] = 1250,
        ["windows-1251"] = 1251, [Windows1252] = 1252, ["windows-1253"] = 1253, ["windows-1254"] = 1254,
        ["windows-1255"] = 1255, ["windows-1256"] = 1256, ["windows-1257"] = 1257, ["windows-1258"] = 1258,
        ["x-mac-cyrillic"] = 10007, ["GBK"] = 54936, ["gb18030"] = 54936, ["Big5"] = 950, ["EUC-JP"] = 51932,
        ["ISO-2022-JP"] = 50220, ["Shift_JIS"] = 932, ["EUC-KR"] = 949, [Utf16Be] = 1201, [Utf16Le] = 1200,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // WHATWG labels (the common ones) → name. Latin-1 and ASCII labels mean windows-1252 on the web.
    private static readonly FrozenDictionary<string, string> Labels = BuildLabels();

    private static FrozenDictionary<string, string> BuildLabels()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Add(string name, params string[] labels)
        {
            foreach (var label in labels)
            {
                map[label] = name;
            }
        }

        Add(Utf8, "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8");
        Add("IBM866", "866", "cp866", "csibm866", "ibm866");
        Add("ISO-8859-2", "csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "iso_8859-2:1987", "l2", "latin2");
        Add("ISO-8859-3", "csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3", "l3", "latin3");
        Add("ISO-8859-4", "csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4", "l4", "latin4");
        Add("ISO-8859-5", "csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595", "iso_8859-5");
        Add("ISO-8859-6", "arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114", "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6");
        Add("ISO-8859-7", "csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "sun_eu_greek");
        Add("ISO-8859-8", "csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8", "visual");
        Add("ISO-8859-8-I", "csiso88598i", "iso-8859-8-i", "logical");
        Add("ISO-8859-13", "iso-8859-13", "iso8859-13", "iso885913");
        Add("ISO-8859-15", "csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9");
        Add("KOI8-R", "cskoi8r", "koi", "koi8", "koi8-r", "koi8_r");
        Add("KOI8-U", "koi8-ru", "koi8-u");
        Add("macintosh", "csmacintosh", "mac", "macintosh", "x-mac-roman");
        Add("windows-874", "dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874");
        Add("windows-1250", "cp1250", "windows-1250", "x-cp1250");
        Add("windows-1251", "cp1251", "windows-1251", "x-cp1251");
        Add(Windows1252, "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252");
        Add("windows-1253", "cp1253", "windows-1253", "x-cp1253");
        Add("windows-1254", "cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9", "l5", "latin5", "windows-1254", "x-cp1254");
        Add("windows-1255", "cp1255", "windows-1255", "x-cp1255");
        Add("windows-1256", "cp1256", "windows-1256", "x-cp1256");
        Add("windows-1257", "cp1257", "windows-1257", "x-cp1257");
        Add("windows-1258", "cp1258", "windows-1258", "x-cp1258");
        Add("x-mac-cyrillic", "x-mac-cyrillic", "x-mac-ukrainian");
        Add("GBK", "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58", "x-gbk");
        Add("gb18030", "gb18030");
        Add("Big5", "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5");
        Add("EUC-JP", "cseucpkdfmtjapanese", "euc-jp", "x-euc-jp");
        Add("ISO-2022-JP", "csiso2022jp", "iso-2022-jp");
        Add("Shift_JIS", "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis");
        Add("EUC-KR", "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949");
        Add(Utf16Be, "unicodefffe", "utf-16be");
        Add(Utf16Le, "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le");
        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The WHATWG encoding name for <paramref name="label"/> (trimmed, case-insensitive); null when unknown.</summary>
    public static string? NameForLabel(string label) =>
        Labels.TryGetValue(label.Trim(), out var name) ? name : null;

    /// <summary>The .NET encoding for a WHATWG name (replacement characters for bad bytes, as browsers show).</summary>
    public static Encoding Get(string name) => name switch
    {
        Utf8 => Encoding.UTF8,
        _ => Encoding.GetEncoding(CodePages[name]),
    };

    /// <summary>The BOM at the start of <paramref name="body"/>: its encoding name (null when none) and length.</summary>
    public static (string? Name, int Length) DetectBom(ReadOnlySpan<byte> body) => body switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Utf8, 3),
        [0xFE, 0xFF, ..] => (Utf16Be, 2),
        [0xFF, 0xFE, ..] => (Utf16Le, 2),
        _ => (null, 0),
    };
}

/// <summary>The WHATWG "prescan a byte stream to determine its encoding" algorithm, simplified: meta elements only.</summary>
internal static class MetaPrescan
{
    /// <summary>The charset label the first usable <c>&lt;meta&gt;</c> declares within <paramref name="bytes"/>; null when none.</summary>
    public static string? Find(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            if (bytes[i] != (byte)'<')
            {
                i++;
                continue;
            }

            var rest = bytes[i..];
            if (rest.StartsWith("<!--"u8))
            {
                var end = rest[4..].IndexOf("-->"u8);
                if (end < 0)
                {
                    return null;
                }

                i += 4 + end + 3;
            }
            else if (rest.Length > 5 && StartsWithIgnoreCase(rest[1..], "meta"u8) && IsSpaceOrSlash(rest[5]))
            {
                var (label, next) = ReadMeta(bytes, i + 5);
                if (label is not null)
                {
                    return label;
                }

                i = next;
            }
            else
            {
                // Any other tag, end tag, "<!" or "<?": skip its attributes so a quoted ">" or "<meta" inside one does not fool us.
                i = SkipTag(bytes, i + 1);
            }
        }

        return null;
    }

    /// <summary>
    /// A cheaper search of a whole body for a late declaration: only comments and script contents are skipped
    /// (other tags' attributes are not parsed), so it allocates only for meta tags.
    /// </summary>
    public static string? FindLate(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            var next = bytes[i..].IndexOf((byte)'<');
            if (next < 0)
            {
                return null;
            }

            i += next;
            var rest = bytes[i..];
            if (rest.StartsWith("<!--"u8))
            {
                var end = rest[4..].IndexOf("-->"u8);
                if (end < 0)
                {
                    return null;
                }

                i += 4 + end + 3;
            }
            else if (rest.Length > 7 && StartsWithIgnoreCase(rest[1..], "script"u8) && (IsSpace(rest[7]) || rest[7] == (byte)'>'))
            {
                i = SkipScript(bytes, i + 7);
            }
            else if (rest.Length > 5 && StartsWithIgnoreCase(rest[1..], "meta"u8) && IsSpaceOrSlash(rest[5]))
            {
                var (label, after) = ReadMeta(bytes, i + 5);
                if (label is not null)
                {
                    return label;
                }

                i = after;
            }
            else
            {
                i++;
            }
        }

        return null;
    }

    private static int SkipScript(ReadOnlySpan<byte> bytes, int i)
    {
        while (i < bytes.Length)
        {
            var close = bytes[i..].IndexOf("</"u8);
            if (close < 0)
            {
                return bytes.Length;
            }

            i += close + 2;
            if (StartsWithIgnoreCase(bytes[i..], "script"u8))
            {
                return i;
            }
        }

        return bytes.Length;
    }

    private static (string? Label, int Next) ReadMeta(ReadOnlySpan<byte> bytes, int position)
    {
        string? charset = null;
        string? content = null;
        var httpEquivContentType = false;
        var i = position;
        while (true)
        {
            var (name, value, next) = ReadAttribute(bytes, i);
            i = next;
            if (name is null)
            {
                break;
            }

            switch (name)
            {
                case "charset":
                    charset ??= value;
                    break;
                case "content":
                    content ??= value;
                    break;
                case "http-equiv":
                    httpEquivContentType |= string.Equals(value, "content-type", StringComparison.OrdinalIgnoreCase);
                    break;
                default:
                    break;
            }
        }

        // The tag must be complete inside the window, or it does not count.
        if (i > bytes.Length)
        {
            return (null, i);
        }

        var label = charset is { Length: > 0 } ? charset.Trim()
            : httpEquivContentType ? CharsetDecoder.CharsetFromContentType(content)
            : null;
        return (label, i);
    }

    // Returns (null, …, index after '>') at the end of the tag; the index passes bytes.Length when the tag is cut off.
    private static (string? Name, string? Value, int Next) ReadAttribute(ReadOnlySpan<byte> bytes, int i)
    {
        while (i < bytes.Length && (IsSpace(bytes[i]) || bytes[i] == (byte)'/'))
        {
            i++;
        }

        if (i >= bytes.Length)
        {
            return (null, null, bytes.Length + 1);
        }

        if (bytes[i] == (byte)'>')
        {
            return (null, null, i + 1);
        }

        var nameStart = i;
        while (i < bytes.Length && bytes[i] is not ((byte)'=' or (byte)'>' or (byte)'/') && !IsSpace(bytes[i]))
        {
            i++;
        }

        var name = Encoding.ASCII.GetString(bytes[nameStart..i]).ToLowerInvariant();
        while (i < bytes.Length && IsSpace(bytes[i]))
        {
            i++;
        }

        if (i >= bytes.Length || bytes[i] != (byte)'=')
        {
            return (name, string.Empty, i);
        }

        i++;
        while (i < bytes.Length && IsSpace(bytes[i]))
        {
            i++;
        }

        if (i >= bytes.Length)
        {
            return (name, string.Empty, bytes.Length + 1);
        }

        if (bytes[i] is (byte)'"' or (byte)'\'')
        {
            var quote = bytes[i];
            var end = bytes[(i + 1)..].IndexOf(quote);
            if (end < 0)
            {
                return (name, null, bytes.Length + 1);
            }

            return (name, Encoding.ASCII.GetString(bytes.Slice(i + 1, end)), i + 1 + end + 1);
        }

        var valueStart = i;
        while (i < bytes.Length && bytes[i] != (byte)'>' && !IsSpace(bytes[i]))
        {
            i++;
        }

        return (name, Encoding.ASCII.GetString(bytes[valueStart..i]), i);
    }

    private static int SkipTag(ReadOnlySpan<byte> bytes, int i)
    {
        if (i < bytes.Length && (char.IsAsciiLetter((char)bytes[i]) || bytes[i] == (byte)'/'))
        {
            while (i < bytes.Length && bytes[i] is not (byte)'>' && !IsSpace(bytes[i]))
            {
                i++;
            }

            while (true)
            {
                var (name, _, next) = ReadAttribute(bytes, i);
                i = next;
                if (name is null)
                {
                    return i;
                }
            }
        }

        var close = bytes[i..].IndexOf((byte)'>');
        return close < 0 ? bytes.Length : i + close + 1;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> lower)
    {
        if (bytes.Length < lower.Length)
        {
            return false;
        }

        for (var k = 0; k < lower.Length; k++)
        {
            if ((bytes[k] | 0x20) != lower[k])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f';

    private static bool IsSpaceOrSlash(byte b) => IsSpace(b) || b == (byte)'/';
}

/// <summary>Where the encoding used to decode a page came from, in the order they are tried.</summary>
public enum CharsetSource
{
    /// <summary>A byte order mark (UTF-8, UTF-16 LE/BE).</summary>
    Bom,

    /// <summary>The <c>charset=</c> parameter of the HTTP <c>Content-Type</c> header.</summary>
    ContentType,

    /// <summary><c>&lt;meta charset&gt;</c> or <c>&lt;meta http-equiv="Content-Type"&gt;</c> found by the prescan.</summary>
    Meta,

    /// <summary>Nothing usable was declared (or the declaration was contradicted); the bytes are valid UTF-8.</summary>
    SniffedUtf8,

    /// <summary>Nothing usable was declared and the bytes are not UTF-8: windows-1252, the web's default.</summary>
    Default,
}

/// <summary>A page's text and how its bytes were turned into it.</summary>
/// <param name="Text">The decoded document.</param>
/// <param name="EncodingName">The WHATWG name of the encoding used (<c>UTF-8</c>, <c>Shift_JIS</c>, <c>windows-1252</c>, …).</param>
/// <param name="Source">Why that encoding was used.</param>
/// <param name="DeclaredCharset">The charset label the page declared, as written (header first, else meta); null when none.</param>
/// <param name="DeclaredInFirst1024Bytes">Whether a meta charset declaration ends within the first 1024 bytes (Lighthouse's rule).</param>
public sealed record DecodedHtml(
    string Text,
    string EncodingName,
    CharsetSource Source,
    string? DeclaredCharset,
    bool DeclaredInFirst1024Bytes)
{
    /// <summary>The <c>charset=</c> label of the <c>Content-Type</c> header, as written; null when absent.</summary>
    public string? HeaderCharset { get; init; }

    /// <summary>The label found by the meta prescan (first 1024 bytes), as written; null when absent.</summary>
    public string? MetaCharset { get; init; }

    /// <summary>The WHATWG encoding name the declaration maps to; null when nothing was declared or the label is unknown.</summary>
    public string? DeclaredEncodingName { get; init; }

    /// <summary>Whether a label was declared that no WHATWG encoding answers to (e.g. <c>charset=foo</c>).</summary>
    public bool DeclaredLabelUnknown { get; init; }

    /// <summary>Whether the body started with a byte order mark.</summary>
    public bool HasBom { get; init; }

    /// <summary>Whether the body (after any BOM) is valid UTF-8.</summary>
    public bool IsValidUtf8 { get; init; }

    /// <summary>Whether the bytes contain anything above ASCII (when false, most encodings read the same).</summary>
    public bool HasNonAscii { get; init; }

    /// <summary>
    /// Whether a declared legacy charset was not used because the bytes are valid UTF-8 with non-ASCII text
    /// ("declared gbk but the bytes are UTF-8").
    /// </summary>
    public bool DeclarationOverridden { get; init; }
}
