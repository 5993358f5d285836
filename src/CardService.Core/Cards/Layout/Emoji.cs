namespace CardService.Core.Cards.Layout;

/// <summary>Which graphemes are emoji: drawn from the colour emoji face, never as text.</summary>
internal static class Emoji
{
    /// <summary>
    /// Code points that are emoji by default (Emoji_Presentation) outside the big pictographic planes; the rest of
    /// the Miscellaneous Symbols block draws as text unless U+FE0F asks for emoji.
    /// </summary>
    private static readonly (int First, int Last)[] DefaultPresentation =
    [
        (0x231A, 0x231B), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3), (0x25FD, 0x25FE),
        (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1),
        (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4),
        (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD),
        (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E),
        (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0), (0x27BF, 0x27BF),
        (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),
    ];

    public static bool IsEmojiGrapheme(string text, int start, int length)
    {
        var first = char.ConvertToUtf32(text, start);
        if (first == 0xFE0E || text.AsSpan(start, length).Contains('\uFE0E'))
        {
            return false;
        }

        if (IsPictographicPlane(first))
        {
            return true;
        }

        foreach (var (from, to) in DefaultPresentation)
        {
            if (first >= from && first <= to)
            {
                return true;
            }
        }

        // Text-default symbols (♥, ✔, digits in keycaps) become emoji with U+FE0F, U+20E3 or a ZWJ sequence.
        var rest = text.AsSpan(start, length);
        return length > char.ConvertFromUtf32(first).Length
            && (rest.Contains('\uFE0F') || rest.Contains('\u20E3') || rest.Contains('\u200D'));
    }

    /// <summary>Regional indicators, and the emoji planes from Mahjong tiles to Symbols and Pictographs Extended-A.</summary>
    private static bool IsPictographicPlane(int codePoint) =>
        codePoint is (>= 0x1F000 and <= 0x1F0FF) or (>= 0x1F1E6 and <= 0x1F1FF) or (>= 0x1F200 and <= 0x1F2FF)
            or (>= 0x1F300 and <= 0x1FAFF);

    /// <summary>Whether the grapheme at <paramref name="index"/> is an emoji: used to keep emoji glued to their word.</summary>
    public static bool StartsAt(string text, int index) =>
        index >= 0 && index < text.Length && IsEmojiGrapheme(text, index, System.Globalization.StringInfo.GetNextTextElementLength(text, index));
}
