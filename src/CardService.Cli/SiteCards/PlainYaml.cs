namespace CardService.Cli.SiteCards;

/// <summary>
/// A reader for the YAML most front matter and site configurations are written in: block mappings and block lists of
/// one-line scalars (plain, <c>'single'</c> or <c>"double"</c> without escapes), comments and blank lines. It gives the
/// values YamlDotNet's representation model gives (see <see cref="FrontMatterReader"/>) at a fraction of the cost, and
/// gives up (null) on anything else — flow collections, block scalars, anchors, tags, escapes, multi-line scalars, tabs
/// other than trailing ones, duplicate keys, text a YAML parser would reject — so that YamlDotNet reads those, with its
/// lenient retry and its error lines.
/// </summary>
internal static class PlainYaml
{
    /// <summary>The document's top-level mapping, or null when it uses anything this reader does not handle.</summary>
    public static Dictionary<string, object?>? TryRead(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<Line>();
        foreach (var raw in text.Split('\n'))
        {
            // Trailing blanks mean nothing, tabs included (libyaml, which Jekyll uses, accepts them; see FrontMatterReader).
            var line = (raw.EndsWith('\r') ? raw[..^1] : raw).TrimEnd(' ', '\t');
            if (!IsPlainText(line))
            {
                return null;
            }

            var content = line.TrimStart(' ');
            if (content.Length == 0 || content[0] == '#')
            {
                continue; // blank and comment lines carry no value
            }

            lines.Add(new Line(line.Length - content.Length, content));
        }

        var at = 0;
        var root = lines.Count == 0 ? [] : ReadMapping(lines, ref at, lines[0].Indent);
        return root is not null && at == lines.Count && (lines.Count == 0 || lines[0].Indent == 0) ? root : null;
    }

    /// <summary>One line with content: its indentation in spaces and the rest.</summary>
    private readonly record struct Line(int Indent, string Content);

    private static Dictionary<string, object?>? ReadMapping(List<Line> lines, ref int at, int indent)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (at < lines.Count && lines[at].Indent == indent)
        {
            if (lines[at].Content.StartsWith('-') || SplitKey(lines[at].Content) is not var (key, rest) || !values.TryAdd(key, null))
            {
                return null; // a list item where a key belongs, no "key:", or a duplicate key (YamlDotNet refuses it)
            }

            at++;
            if (rest.Length > 0)
            {
                if (!TryScalar(rest, out var scalar))
                {
                    return null;
                }

                values[key] = scalar;
                continue;
            }

            // "key:" alone: a nested mapping or list on the lines below, or null. A list may sit at the key's own indent.
            if (at < lines.Count && lines[at].Indent >= indent && lines[at].Content.StartsWith("- ", StringComparison.Ordinal))
            {
                if (ReadList(lines, ref at, lines[at].Indent) is not { } list)
                {
                    return null;
                }

                values[key] = list;
            }
            else if (at < lines.Count && lines[at].Indent > indent)
            {
                if (ReadMapping(lines, ref at, lines[at].Indent) is not { } nested)
                {
                    return null;
                }

                values[key] = nested;
            }
        }

        // A line indented deeper than this mapping but not under a "key:" is a continuation or an error: not ours.
        return at < lines.Count && lines[at].Indent > indent ? null : values;
    }

    private static List<object?>? ReadList(List<Line> lines, ref int at, int indent)
    {
        var items = new List<object?>();
        while (at < lines.Count && lines[at].Indent == indent && lines[at].Content.StartsWith("- ", StringComparison.Ordinal))
        {
            var rest = lines[at].Content[2..].TrimStart(' ');
            // An item that is itself a mapping ("- key: value") or a nested list is left to YamlDotNet.
            if (rest.Length == 0 || SplitKey(rest) is not null || rest.StartsWith('-') || !TryScalar(rest, out var item))
            {
                return null;
            }

            items.Add(item);
            at++;
        }

        return at < lines.Count && lines[at].Indent > indent ? null : items;
    }

    /// <summary>"key: rest" or "key:" with a simple key (letters, digits, <c>_</c>, <c>-</c>, <c>.</c>; spaces before the colon allowed).</summary>
    private static (string Key, string Value)? SplitKey(string content)
    {
        var end = 0;
        while (end < content.Length && (char.IsAsciiLetterOrDigit(content[end]) || content[end] is '_' or '-' or '.'))
        {
            end++;
        }

        var colon = end;
        while (colon < content.Length && content[colon] == ' ')
        {
            colon++;
        }

        if (end == 0 || content[0] is '-' or '.' || colon >= content.Length || content[colon] != ':'
            || (colon + 1 < content.Length && content[colon + 1] != ' '))
        {
            return null;
        }

        return (content[..end], content[(colon + 1)..].Trim(' '));
    }

    /// <summary>A one-line scalar as YamlDotNet gives it (plain null words become null); false for anything else.</summary>
    private static bool TryScalar(string text, out string? value)
    {
        value = null;
        if (text[0] is '\'' or '"')
        {
            return TryQuoted(text, out value);
        }

        // Indicators that start flow collections, anchors, aliases, tags, block scalars, directives or reserved characters.
        if (text[0] is '[' or ']' or '{' or '}' or ',' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' or '?' or ':' or '-' or '#')
        {
            return false;
        }

        var comment = text.IndexOf(" #", StringComparison.Ordinal);
        var plain = (comment < 0 ? text : text[..comment]).TrimEnd(' ');
        // ": " or a final ':' would start a mapping inside the value: an error YamlDotNet should report.
        if (plain.Contains(": ", StringComparison.Ordinal) || plain.EndsWith(':'))
        {
            return false;
        }

        value = plain is "~" or "null" or "Null" or "NULL" ? null : plain;
        return true;
    }

    private static bool TryQuoted(string text, out string? value)
    {
        value = null;
        var quote = text[0];
        var builder = new System.Text.StringBuilder();
        var i = 1;
        for (; i < text.Length; i++)
        {
            if (text[i] == '\\' && quote == '"')
            {
                return false; // escapes: YamlDotNet knows them all
            }

            if (text[i] == quote)
            {
                if (quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                {
                    builder.Append('\'');
                    i++;
                    continue;
                }

                break;
            }

            builder.Append(text[i]);
        }

        // Unclosed (a multi-line scalar) or followed by anything but a comment: not ours.
        var after = i < text.Length ? text[(i + 1)..].TrimStart(' ') : null;
        if (after is null || (after.Length > 0 && (after[0] != '#' || text[i + 1] != ' ')))
        {
            return false;
        }

        value = builder.ToString();
        return true;
    }

    // Tabs inside a line, control characters and BOMs go to YamlDotNet.
    private static bool IsPlainText(string line)
    {
        foreach (var c in line)
        {
            if (c < ' ' || c is (>= '\u007F' and <= '\u009F') or '\uFEFF' or '\u2028' or '\u2029' or '\u0085')
            {
                return false;
            }
        }

        return true;
    }
}
