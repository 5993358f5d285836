namespace CardService.Core.Cards.Layout;

/// <summary>
/// Line break opportunities from ICU's UAX #14 breaker (CJK between characters, Thai by dictionary, no break before
/// closing punctuation), except that an emoji stays glued to the word it touches.
/// </summary>
internal static class LineBreaks
{
    /// <summary>Every index at which a line may end, ascending; the text's length is always last.</summary>
    /// <param name="shaped">The text.</param>
    /// <param name="keepHangulWords">No break between two Hangul letters: Korean words then break only at spaces.</param>
    public static List<int> Opportunities(ShapedText shaped, bool keepHangulWords = false)
    {
        var text = shaped.Text;
        var result = new List<int>();
        if (text.Length == 0)
        {
            return result;
        }

        foreach (var position in SystemIcu.LineBreakOpportunities(text))
        {
            if (position == text.Length
                || (!GluedToEmoji(shaped, position) && !(keepHangulWords && ScriptTypography.IsHangul(text[position - 1]) && ScriptTypography.IsHangul(text[position]))))
            {
                result.Add(position);
            }
        }

        if (result.Count == 0 || result[^1] != text.Length)
        {
            result.Add(text.Length);
        }

        return result;
    }

    /// <summary>
    /// An emoji run's edge, or a point between two of its emoji, with no space on either side is not a place to break
    /// ("Ship it🚀🚀" keeps both rockets with the word: ICU would allow a break between them).
    /// </summary>
    private static bool GluedToEmoji(ShapedText shaped, int position)
    {
        var text = shaped.Text;
        if (char.IsWhiteSpace(text[position - 1]) || char.IsWhiteSpace(text[position]))
        {
            return false;
        }

        foreach (var run in shaped.Runs)
        {
            if (run.Face.IsEmoji && run.Start <= position && position <= run.Start + run.Length)
            {
                return true;
            }
        }

        return false;
    }
}
