using System.Globalization;

namespace CardService.Core.Cards;

/// <summary>
/// Text limits count what a person sees: text elements (grapheme clusters), so 151 emoji are 151 characters, not 302.
/// A second cap on UTF-16 units keeps one "character" built from thousands of combining marks from passing.
/// </summary>
public static class CardText
{
    /// <summary>The most UTF-16 units one visible character may take on average (a ZWJ family emoji takes 11).</summary>
    public const int MaxUnitsPerCharacter = 16;

    /// <summary>The number of characters a reader sees in <paramref name="value"/>.</summary>
    public static int Length(string value) => new StringInfo(value ?? throw new ArgumentNullException(nameof(value))).LengthInTextElements;

    /// <summary>Why <paramref name="value"/> is too long for <paramref name="field"/>, as a sentence; null when it fits.</summary>
    public static string? TooLong(string field, string value, int max)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Length(value);
        if (length > max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The {field} is {length} characters; at most {max} are allowed.");
        }

        return value.Length > max * MaxUnitsPerCharacter
            ? string.Create(CultureInfo.InvariantCulture, $"The {field} is {value.Length} UTF-16 units long (combining marks included); at most {max * MaxUnitsPerCharacter} are allowed.")
            : null;
    }

    /// <summary>Cuts <paramref name="value"/> to fit <paramref name="max"/> characters (ending in "…"), never splitting a character.</summary>
    public static string Clip(string value, int max)
    {
        ArgumentNullException.ThrowIfNull(value);
        var maxUnits = max * MaxUnitsPerCharacter;
        if (value.Length <= max || (value.Length <= maxUnits && Length(value) <= max))
        {
            return value;
        }

        var end = 0;
        var kept = 0;
        var elements = StringInfo.GetTextElementEnumerator(value);
        while (kept < max - 1 && elements.MoveNext() && end + elements.GetTextElement().Length < maxUnits)
        {
            end += elements.GetTextElement().Length;
            kept++;
        }

        return value[..end].TrimEnd() + "…";
    }
}
