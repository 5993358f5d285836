using System.Text;

namespace CardService.Core.Cards.Layout;

/// <summary>
/// Typography that depends on the script: upper-casing and tracking only help scripts with case (Thai, Japanese or
/// Arabic have none, and spacing breaks their clusters and joins); CJK and scripts with stacked marks need looser lines.
/// </summary>
internal static class ScriptTypography
{
    /// <summary>Whether every letter in <paramref name="text"/> has an upper and a lower case (text with no letters counts as cased).</summary>
    public static bool IsCased(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetter(rune) && Rune.ToUpperInvariant(rune) == rune && Rune.ToLowerInvariant(rune) == rune)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The line height (a multiple of the font size) for a title mostly in <paramref name="text"/>'s script.</summary>
    public static float TitleLineHeight(string text) => Dominant(text) switch
    {
        ScriptClass.Ideographic => 1.3f,
        ScriptClass.StackedMarks => 1.25f,
        _ => 1.15f,
    };

    private enum ScriptClass
    {
        Other,
        Ideographic,
        StackedMarks,
    }

    private static ScriptClass Dominant(string text)
    {
        Span<int> counts = stackalloc int[3];
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                counts[(int)Classify(rune.Value)]++;
            }
        }

        var best = ScriptClass.Other;
        for (var c = 1; c < counts.Length; c++)
        {
            best = counts[c] > counts[(int)best] ? (ScriptClass)c : best;
        }

        return best;
    }

    private static ScriptClass Classify(int codePoint) => codePoint switch
    {
        >= 0x1100 and <= 0x11FF => ScriptClass.Ideographic, // Hangul jamo
        >= 0x2E80 and <= 0x9FFF => ScriptClass.Ideographic, // CJK radicals, kana, Hangul compatibility jamo, ideographs
        >= 0xAC00 and <= 0xD7AF => ScriptClass.Ideographic, // Hangul syllables
        >= 0xF900 and <= 0xFAFF => ScriptClass.Ideographic,
        >= 0xFF00 and <= 0xFFEF => ScriptClass.Ideographic, // full- and half-width forms
        >= 0x20000 and <= 0x3FFFF => ScriptClass.Ideographic,
        >= 0x0900 and <= 0x0DFF => ScriptClass.StackedMarks, // Indic scripts
        >= 0x0E00 and <= 0x0FFF => ScriptClass.StackedMarks, // Thai, Lao, Tibetan
        >= 0x1000 and <= 0x109F => ScriptClass.StackedMarks, // Myanmar
        >= 0x1780 and <= 0x17FF => ScriptClass.StackedMarks, // Khmer
        _ => ScriptClass.Other,
    };

    /// <summary>Whether <paramref name="c"/> is a Hangul letter (Korean headlines keep such words whole).</summary>
    public static bool IsHangul(char c) => c is (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F') or (>= '\uAC00' and <= '\uD7AF');
}
