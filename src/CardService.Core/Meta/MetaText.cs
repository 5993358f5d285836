using System.Globalization;
using System.Text;

namespace CardService.Core.Meta;

/// <summary>Small text helpers shared by the reader and the previews.</summary>
internal static class MetaText
{
    /// <summary>Trims and collapses runs of whitespace to one space; null stays null.</summary>
    public static string? Collapse(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var span = value.AsSpan().Trim();
        if (!NeedsCollapse(span))
        {
            return span.Length == value.Length ? value : span.ToString();
        }

        var builder = new StringBuilder(span.Length);
        var space = false;
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool NeedsCollapse(ReadOnlySpan<char> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsWhiteSpace(c) && (c != ' ' || (i + 1 < span.Length && char.IsWhiteSpace(span[i + 1]))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Null for null, empty or whitespace-only values.</summary>
    public static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Shortens to at most <paramref name="maxChars"/> characters including <paramref name="ellipsis"/>, never splitting a character.</summary>
    public static (string Text, bool Truncated) TruncateChars(string text, int maxChars, string ellipsis)
    {
        var elements = StringInfo.ParseCombiningCharacters(text);
        if (elements.Length <= maxChars)
        {
            return (text, false);
        }

        var keep = Math.Max(0, maxChars - ellipsis.Length);
        return (text[..elements[keep]].TrimEnd() + ellipsis, true);
    }

    /// <summary>Cuts to at most <paramref name="maxBytes"/> UTF-8 bytes (whole characters), then appends <paramref name="ellipsis"/>.</summary>
    public static (string Text, bool Truncated) TruncateUtf8Bytes(string text, int maxBytes, string ellipsis)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return (text, false);
        }

        var bytes = 0;
        var end = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var size = Encoding.UTF8.GetByteCount(element);
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            end += element.Length;
        }

        return (text[..end] + ellipsis, true);
    }

    /// <summary>Parses a whole, non-negative number (<c>"1200"</c>); null for <c>"1200px"</c> and the like.</summary>
    public static int? ParseDimension(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
