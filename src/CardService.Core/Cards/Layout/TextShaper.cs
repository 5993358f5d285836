using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CardService.Core.Fonts;
using HarfBuzzSharp;
using Buffer = HarfBuzzSharp.Buffer;

namespace CardService.Core.Cards.Layout;

/// <summary>
/// Turns a paragraph into shaped runs: bidi levels (ICU), a face per grapheme from the bundled chain,
/// then HarfBuzz per run. Whole graphemes go to one face, so combining marks and ZWJ emoji sequences stay whole.
/// </summary>
internal sealed class TextShaper(FontRegistry fonts)
{
    /// <summary>ICU's "pick the paragraph level from the first strong character, else left to right".</summary>
    public const byte AutoLevel = 0xFE;

    public ShapedText Shape(string text, FontWeight weight, byte paragraphLevel = AutoLevel)
    {
        var (levels, resolvedLevel) = Bidi.Levels(text, paragraphLevel);
        var cjk = CjkVariantOf(text);
        var missing = new List<int>();
        var runs = ImmutableArray.CreateBuilder<ShapedRun>();
        var clusterAdvances = new float[text.Length];

        FontFace? runFace = null;
        var runStart = 0;
        var index = 0;
        while (index < text.Length)
        {
            var length = StringInfo.GetNextTextElementLength(text, index);
            var face = FaceFor(text, index, length, weight, cjk, runFace, missing);
            if (runFace is not null && (face != runFace || levels[index] != levels[runStart]))
            {
                runs.Add(ShapeRun(text, runStart, index - runStart, runFace, levels[runStart], clusterAdvances));
                runStart = index;
            }

            runFace = face;
            index += length;
        }

        if (runFace is not null)
        {
            runs.Add(ShapeRun(text, runStart, text.Length - runStart, runFace, levels[runStart], clusterAdvances));
        }

        return new ShapedText(text, resolvedLevel, runs.ToImmutable(), clusterAdvances, [.. missing]);
    }

    private FontFace FaceFor(string text, int start, int length, FontWeight weight, CjkVariant cjk, FontFace? previous, List<int> missing)
    {
        var first = char.ConvertToUtf32(text, start);
        if (Emoji.IsEmojiGrapheme(text, start, length) && fonts.Emoji.HasGlyph(first))
        {
            return fonts.Emoji;
        }

        // Spaces, punctuation and digits stay in the run they sit in, so a run is not cut (and its shaping context lost) at every space.
        if (previous is { IsEmoji: false } && IsNeutral(first) && previous.HasGlyph(first))
        {
            return previous;
        }

        var face = fonts.FindText(first, weight, cjk);
        if (face is null && fonts.Emoji.HasGlyph(first))
        {
            return fonts.Emoji;
        }

        face ??= previous is { IsEmoji: false } ? previous : fonts.Primary(weight);
        foreach (var rune in text.AsSpan(start, length).EnumerateRunes())
        {
            if (IsDrawable(rune.Value) && !face.HasGlyph(rune.Value) && fonts.FindText(rune.Value, weight, cjk) is null && !missing.Contains(rune.Value))
            {
                missing.Add(rune.Value);
            }
        }

        return face;
    }

    private static ShapedRun ShapeRun(string text, int start, int length, FontFace face, byte level, float[] clusterAdvances)
    {
        using var buffer = new Buffer();
        buffer.AddUtf16(text, start, length);
        buffer.Direction = (level & 1) == 1 ? Direction.RightToLeft : Direction.LeftToRight;
        buffer.GuessSegmentProperties();
        face.Shaper.Shape(buffer);

        var infos = buffer.GetGlyphInfoSpan();
        var positions = buffer.GetGlyphPositionSpan();
        var glyphs = new ushort[infos.Length];
        var advances = new float[infos.Length];
        var offsetsX = new float[infos.Length];
        var offsetsY = new float[infos.Length];
        var clusters = new int[infos.Length];
        var em = 1f / face.UnitsPerEm;
        for (var i = 0; i < infos.Length; i++)
        {
            glyphs[i] = (ushort)infos[i].Codepoint;
            advances[i] = positions[i].XAdvance * em;
            offsetsX[i] = positions[i].XOffset * em;
            offsetsY[i] = -positions[i].YOffset * em;
            clusters[i] = (int)infos[i].Cluster;
            clusterAdvances[clusters[i]] += advances[i];
        }

        return new ShapedRun(face, start, length, level, glyphs, advances, offsetsX, offsetsY, clusters);
    }

    /// <summary>Kana means Japanese and Hangul means Korean; Han alone is drawn the Simplified Chinese way.</summary>
    internal static CjkVariant CjkVariantOf(string text)
    {
        var han = false;
        foreach (var c in text)
        {
            if (c is >= '\u3040' and <= '\u30FF' or >= '\u31F0' and <= '\u31FF')
            {
                return CjkVariant.Japanese;
            }

            if (c is >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F')
            {
                return CjkVariant.Korean;
            }

            han |= c is >= '\u4E00' and <= '\u9FFF';
        }

        return han ? CjkVariant.SimplifiedChinese : CjkVariant.Japanese;
    }

    private static bool IsNeutral(int codePoint) =>
        CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.SpaceSeparator
            or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.OtherPunctuation
            or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.MathSymbol;

    /// <summary>Whether a code point should have a glyph: joiners, selectors, bidi marks and spaces draw nothing of their own.</summary>
    internal static bool IsDrawable(int codePoint) =>
        !Rune.IsWhiteSpace(new Rune(codePoint))
        && CharUnicodeInfo.GetUnicodeCategory(codePoint) is not (UnicodeCategory.Control or UnicodeCategory.Format)
        && codePoint is not (>= 0xFE00 and <= 0xFE0F) and not (>= 0xE0100 and <= 0xE01EF);
}
