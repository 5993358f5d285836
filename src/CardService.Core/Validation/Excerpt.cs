using System.Globalization;

namespace CardService.Core.Validation;

/// <summary>Page text quoted in a finding: short enough to read, cut at a character a person sees, never inside one.</summary>
public static class Excerpt
{
    /// <summary>The most text elements (user-perceived characters) a finding quotes before cutting with an ellipsis.</summary>
    public const int MaxTextElements = 80;

    /// <summary><paramref name="text"/> when it is at most <see cref="MaxTextElements"/> long, else its first ones and "…"; null stays null.</summary>
    public static string? Of(string? text)
    {
        if (text is null || text.Length <= MaxTextElements)
        {
            return text;
        }

        var elements = StringInfo.GetTextElementEnumerator(text);
        var count = 0;
        while (elements.MoveNext())
        {
            if (++count > MaxTextElements)
            {
                return string.Concat(text.AsSpan(0, elements.ElementIndex), "…");
            }
        }

        return text;
    }

    /// <summary><see cref="Of"/> for text that is never null.</summary>
    public static string Quote(string text) => Of(text) ?? string.Empty;
}
