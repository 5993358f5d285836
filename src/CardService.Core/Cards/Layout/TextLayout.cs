using System.Collections.Immutable;
using System.Globalization;
using CardService.Core.Fonts;
using SkiaSharp;

namespace CardService.Core.Cards.Layout;

/// <summary>
/// Sets a paragraph in a box: wraps at ICU break opportunities, shrinks the size step by step down to a floor
/// while it takes too many lines, then clamps the last line with an ellipsis at a grapheme boundary.
/// Widths come from the shaper's advances, so what is measured is what is drawn.
/// </summary>
internal sealed class TextLayout(FontRegistry fonts)
{
    private const float SizeStep = 2f;
    private const string Ellipsis = "\u2026";

    private readonly TextShaper _shaper = new(fonts);

    public TextBlock Layout(string text, TextStyle style)
    {
        if (string.IsNullOrWhiteSpace(text) || style.MaxLines < 1)
        {
            return TextBlock.Empty;
        }

        var shaped = _shaper.Shape(text, style.Weight);
        var widths = new Widths(shaped);
        var opportunities = LineBreaks.Opportunities(shaped, style.KeepHangulWords);

        // Lines are measured with the paragraph's shaping but drawn shaped alone, and the two can differ: in a mixed
        // right-to-left line, digits and brackets take the font of the text around them, which changes at a line's edge.
        // A line that comes out wider than the box gets a cap on where it may end, and the paragraph is broken again.
        var size = style.MaxSize;
        var caps = new Dictionary<int, int>();
        List<(int Start, int End)> lines;
        List<TextLine>? placed;
        do
        {
            lines = Break(shaped, widths, opportunities, size, style, caps);
            if (lines.Count > style.MaxLines && size - SizeStep >= style.MinSize)
            {
                size -= SizeStep;
                caps.Clear();
                placed = null;
                continue;
            }

            placed = PlaceUnclamped(text, lines, shaped.ParagraphLevel, size, style, caps);
        }
        while (placed is null);

        var clamped = lines.Count > style.MaxLines;
        if (clamped)
        {
            // The clamped line is shaped again on its own (a cut Arabic word takes other forms, the ellipsis may come from
            // another font), so it can come out wider than measured: drop graphemes until what is drawn fits.
            var kept = ClampWithEllipsis(shaped, widths, lines[style.MaxLines - 1].Start, size, style)[..^Ellipsis.Length];
            var last = Place(kept + Ellipsis, shaped.ParagraphLevel, size, style);
            while (last.Width > style.MaxWidth && kept.Length > 0)
            {
                var starts = StringInfo.ParseCombiningCharacters(kept);
                kept = kept[..starts[^1]].TrimEnd();
                last = Place(kept + Ellipsis, shaped.ParagraphLevel, size, style);
            }

            placed.Add(last);
        }

        return new TextBlock([.. placed], size, size * style.LineHeight, shaped.IsRightToLeft, clamped, shaped.MissingCodePoints);
    }

    /// <summary>
    /// The lines as drawn, all but a clamped last one; null when one is wider than the box and a cap now shortens it
    /// (break again). A line that cannot get shorter is drawn as it is.
    /// </summary>
    private List<TextLine>? PlaceUnclamped(string text, List<(int Start, int End)> lines, byte paragraphLevel, float size, TextStyle style, Dictionary<int, int> caps)
    {
        var count = lines.Count > style.MaxLines ? style.MaxLines - 1 : lines.Count;
        var placed = new List<TextLine>(count + 1);
        for (var i = 0; i < count; i++)
        {
            var line = Place(text[lines[i].Start..lines[i].End].TrimEnd(), paragraphLevel, size, style);
            if (line.Width > style.MaxWidth && Cap(caps, lines[i]))
            {
                return null;
            }

            placed.Add(line);
        }

        return placed;
    }

    /// <summary>
    /// Lowers the cap on where a line starting at <paramref name="line"/>'s start may end to just before its end; false when
    /// that cap was already set (the line is one grapheme, or cannot get shorter): then it is drawn as it is.
    /// </summary>
    private static bool Cap(Dictionary<int, int> caps, (int Start, int End) line)
    {
        var cap = line.End - 1;
        if (cap <= line.Start || (caps.TryGetValue(line.Start, out var existing) && existing <= cap))
        {
            return false;
        }

        caps[line.Start] = cap;
        return true;
    }

    /// <summary>
    /// Greedy fill: each line takes as many segments as fit (and ends no later than its cap in <paramref name="caps"/>, by
    /// where it starts); a segment wider than the box is cut between graphemes.
    /// </summary>
    private static List<(int Start, int End)> Break(ShapedText shaped, Widths widths, List<int> opportunities, float size, TextStyle style, Dictionary<int, int> caps)
    {
        var text = shaped.Text;
        var lines = new List<(int, int)>();
        var start = SkipSpaces(text, 0);
        var lastFit = -1;
        var o = 0;
        while (o < opportunities.Count && start < text.Length)
        {
            var end = opportunities[o];
            if (end <= start)
            {
                o++;
                continue;
            }

            var cap = caps.GetValueOrDefault(start, int.MaxValue);
            if (end <= cap && widths.Of(start, TrimEnd(text, start, end), size, style.LetterSpacing) <= style.MaxWidth)
            {
                lastFit = end;
                o++;
                continue;
            }

            var lineEnd = lastFit > start ? lastFit : LongestFittingPrefix(shaped, widths, start, Math.Min(end, Math.Max(cap, start + 1)), size, style);
            lines.Add((start, lineEnd));
            start = SkipSpaces(text, lineEnd);
            lastFit = -1;
            if (lines.Count > style.MaxLines)
            {
                return lines; // Too many already: the caller shrinks or clamps; the rest is not needed.
            }
        }

        if (start < text.Length)
        {
            lines.Add((start, text.Length));
        }

        return lines;
    }

    private static int LongestFittingPrefix(ShapedText shaped, Widths widths, int start, int end, float size, TextStyle style)
    {
        var text = shaped.Text;
        var fit = start + StringInfo.GetNextTextElementLength(text, start); // At least one grapheme per line, or nothing ever advances.
        for (var i = fit; i < end; i += StringInfo.GetNextTextElementLength(text, i))
        {
            if (widths.Of(start, i, size, style.LetterSpacing) > style.MaxWidth)
            {
                break;
            }

            fit = i;
        }

        return fit;
    }

    private string ClampWithEllipsis(ShapedText shaped, Widths widths, int start, float size, TextStyle style)
    {
        var text = shaped.Text;
        var ellipsisWidth = TextMath.Sum(_shaper.Shape(Ellipsis, style.Weight).ClusterAdvances) * size + style.LetterSpacing;
        var end = start;
        for (var i = start; i < text.Length;)
        {
            var next = i + StringInfo.GetNextTextElementLength(text, i);
            if (widths.Of(start, TrimEnd(text, start, next), size, style.LetterSpacing) + ellipsisWidth > style.MaxWidth)
            {
                break;
            }

            end = next;
            i = next;
        }

        return text[start..end].TrimEnd() + Ellipsis;
    }

    /// <summary>Shapes one line on its own, with the paragraph's direction, and places its runs in visual order.</summary>
    private TextLine Place(string line, byte paragraphLevel, float size, TextStyle style)
    {
        var shaped = _shaper.Shape(line, style.Weight, paragraphLevel);
        var levels = new byte[shaped.Runs.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = shaped.Runs[i].Level;
        }

        var order = Bidi.VisualOrder(levels);
        var runs = ImmutableArray.CreateBuilder<PlacedRun>(order.Length);
        var x = 0f;
        foreach (var index in order)
        {
            var run = shaped.Runs[index];
            var positions = new SKPoint[run.Glyphs.Length];
            for (var g = 0; g < run.Glyphs.Length; g++)
            {
                positions[g] = new SKPoint(x + run.OffsetsX[g] * size, run.OffsetsY[g] * size);
                x += run.Advances[g] * size;
                if (g == run.Glyphs.Length - 1 || run.Clusters[g + 1] != run.Clusters[g])
                {
                    x += style.LetterSpacing;
                }
            }

            runs.Add(new PlacedRun(run.Face, size, run.Glyphs, positions));
        }

        return new TextLine(line, x, runs.MoveToImmutable());
    }

    private static int SkipSpaces(string text, int index)
    {
        while (index < text.Length && char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        return index;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    /// <summary>Prefix sums of cluster advances, so the width of any range at any size is two subtractions.</summary>
    private sealed class Widths
    {
        private readonly float[] _em;
        private readonly int[] _clusters;

        public Widths(ShapedText shaped)
        {
            var advances = shaped.ClusterAdvances;
            _em = new float[advances.Length + 1];
            _clusters = new int[advances.Length + 1];
            for (var i = 0; i < advances.Length; i++)
            {
                _em[i + 1] = _em[i] + advances[i];
                _clusters[i + 1] = _clusters[i] + (advances[i] != 0 ? 1 : 0);
            }
        }

        public float Of(int start, int end, float size, float letterSpacing) =>
            (_em[end] - _em[start]) * size + (_clusters[end] - _clusters[start]) * letterSpacing;
    }
}
