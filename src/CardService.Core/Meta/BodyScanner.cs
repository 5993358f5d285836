using System.Net;

namespace CardService.Core.Meta;

/// <summary>
/// Finds the tags a reader cares about in the part of a page AngleSharp's head parse did not read — meta and
/// link tags misplaced in body, <c>&lt;title&gt;</c>s (inline SVG ones flagged), JSON-LD scripts and images — without
/// building a DOM for the body, which is most of a page's bytes and most of the parse time. Script, style and
/// comment contents are skipped, so a <c>"&lt;meta"</c> inside JavaScript is not a tag.
/// </summary>
internal static class BodyScanner
{
    /// <summary>Scans <paramref name="text"/> from <paramref name="start"/>; tags that start at or before <paramref name="seenUpTo"/> were read already.</summary>
    public static void Scan(string text, int start, int seenUpTo, MetaCollector collector)
    {
        var i = Math.Max(0, start);
        var svgDepth = 0;
        while (i < text.Length && (i = text.IndexOf('<', i)) >= 0)
        {
            if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                var close = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (close < 0)
                {
                    return;
                }

                i = close + 3;
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '/')
            {
                var (endName, afterName) = ReadName(text, i + 2);
                if (endName == "svg" && svgDepth > 0)
                {
                    svgDepth--;
                }

                var gt = text.IndexOf('>', afterName);
                i = gt < 0 ? text.Length : gt + 1;
                continue;
            }

            if (i + 1 >= text.Length || !char.IsAsciiLetter(text[i + 1]))
            {
                i++;
                continue;
            }

            var tagStart = i;
            var (name, nameEnd) = ReadName(text, i + 1);
            // Only the tags read below need their attributes; the rest (most of a page) are skipped without allocating.
            var collect = name is "meta" or "link" or "base" or "img" or "script";
            var (attributes, selfClosing, tagEnd) = ReadAttributes(text, nameEnd, collect);
            i = tagEnd;
            var seen = tagStart <= seenUpTo;
            int? position = collector.RecordPositions ? tagStart : null;
            switch (name)
            {
                case "script":
                {
                    var (content, next) = RawText(text, i, "</script");
                    if (!seen && MetaCollector.IsJsonLd(Get(attributes, "type")))
                    {
                        collector.AddJsonLd(content, position, inHead: false);
                    }

                    i = next;
                    break;
                }

                case "style" or "textarea" or "xmp" or "noembed" or "noframes" or "iframe":
                    i = RawText(text, i, "</" + name).Next;
                    break;
                case "title":
                {
                    var (content, next) = RawText(text, i, "</title");
                    if (!seen)
                    {
                        collector.AddTitle(WebUtility.HtmlDecode(content), inHead: false, inSvg: svgDepth > 0, position);
                    }

                    i = next;
                    break;
                }

                case "svg" when !selfClosing:
                    svgDepth++;
                    break;
                case "plaintext":
                    return;
                case "meta" when !seen && svgDepth == 0:
                    collector.AddMeta(new RawTag(attributes, position), inHead: false);
                    break;
                case "link" when !seen && svgDepth == 0:
                    collector.AddLink(new RawTag(attributes, position), inHead: false);
                    break;
                case "base" when !seen && svgDepth == 0:
                    collector.SetBase(Get(attributes, "href"));
                    break;
                case "img" when !seen && svgDepth == 0:
                    collector.AddImage(Get(attributes, "src"), ImageMarks.IsChrome(name => Get(attributes, name)));
                    break;
                default:
                    break;
            }
        }
    }

    private static readonly Dictionary<string, string> NoAttributes = [];

    private static string? Get(Dictionary<string, string> attributes, string name) =>
        attributes.TryGetValue(name, out var value) ? value : null;

    // The tag names the scan acts on; any other name comes back as "" so no string is made per tag.
    private static readonly string[] KnownNames = ["script", "style", "textarea", "xmp", "noembed", "noframes", "iframe", "title", "svg", "plaintext", "meta", "link", "base", "img"];

    private static (string Name, int End) ReadName(string text, int i)
    {
        var start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('>' or '/'))
        {
            i++;
        }

        var name = text.AsSpan(start, i - start);
        foreach (var known in KnownNames)
        {
            if (name.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return (known, i);
            }
        }

        return (string.Empty, i);
    }

    // Content up to the closing tag (case-insensitive); the index after that tag's '>'.
    private static (string Content, int Next) RawText(string text, int i, string closeTag)
    {
        var close = text.IndexOf(closeTag, i, StringComparison.OrdinalIgnoreCase);
        if (close < 0)
        {
            return (text[i..], text.Length);
        }

        var gt = text.IndexOf('>', close);
        return (text[i..close], gt < 0 ? text.Length : gt + 1);
    }

    // HTML's attribute syntax: name, optional "=" and a quoted or unquoted value; the first of duplicates wins.
    private static (Dictionary<string, string> Attributes, bool SelfClosing, int End) ReadAttributes(string text, int i, bool collect)
    {
        var attributes = collect ? new Dictionary<string, string>(StringComparer.Ordinal) : NoAttributes;
        var selfClosing = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '>')
            {
                return (attributes, selfClosing, i + 1);
            }

            if (c == '/')
            {
                selfClosing = true;
                i++;
                continue;
            }

            selfClosing = false;
            var nameStart = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('=' or '>' or '/'))
            {
                i++;
            }

            var nameEnd = i;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var (valueStart, valueEnd) = (i, i);
            if (i < text.Length && text[i] == '=')
            {
                i++;
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (i < text.Length && text[i] is '"' or '\'')
                {
                    var quote = text[i];
                    var close = text.IndexOf(quote, i + 1);
                    close = close < 0 ? text.Length : close;
                    (valueStart, valueEnd) = (i + 1, close);
                    i = Math.Min(text.Length, close + 1);
                }
                else
                {
                    valueStart = i;
                    while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '>')
                    {
                        i++;
                    }

                    valueEnd = i;
                }
            }

            if (collect && nameEnd > nameStart)
            {
                var value = text[valueStart..valueEnd];
                attributes.TryAdd(text[nameStart..nameEnd].ToLowerInvariant(), value.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(value) : value);
            }
        }

        return (attributes, selfClosing, text.Length);
    }
}
