using System.Collections.Immutable;
using CardService.Core.Fonts;
using SkiaSharp;

namespace CardService.Core.Cards.Layout;

/// <summary>How one block of card text is set: its weight, the size range it may shrink through, and its box.</summary>
/// <param name="Weight">Regular or bold.</param>
/// <param name="MaxSize">The size tried first, in px.</param>
/// <param name="MinSize">The floor: below it the text is clamped with an ellipsis instead of shrunk further.</param>
/// <param name="MaxLines">Lines the block may take.</param>
/// <param name="MaxWidth">The box's width, in px.</param>
/// <param name="LineHeight">Line height as a multiple of the font size.</param>
/// <param name="LetterSpacing">Extra px after every cluster (tracking, for small-caps labels).</param>
/// <param name="KeepHangulWords">Break Korean only at spaces, as Korean headlines are set (CSS <c>word-break: keep-all</c>).</param>
internal readonly record struct TextStyle(
    FontWeight Weight,
    float MaxSize,
    float MinSize,
    int MaxLines,
    float MaxWidth,
    float LineHeight,
    float LetterSpacing = 0,
    bool KeepHangulWords = false);

/// <summary>A shaped run placed on a line: glyphs of one face with their pen positions relative to the line's origin.</summary>
internal sealed record PlacedRun(FontFace Face, float Size, ushort[] Glyphs, SKPoint[] Positions);

/// <summary>One line as drawn: its text (ellipsis included), width in px and runs in visual order, left to right.</summary>
internal sealed record TextLine(string Text, float Width, ImmutableArray<PlacedRun> Runs);

/// <summary>A laid-out block of text: the lines, the size it settled on, and whether it had to shrink or clamp.</summary>
internal sealed record TextBlock(
    ImmutableArray<TextLine> Lines,
    float FontSize,
    float LineHeight,
    bool IsRightToLeft,
    bool Clamped,
    ImmutableArray<int> MissingCodePoints)
{
    public static readonly TextBlock Empty = new([], 0, 0, false, false, []);

    public float Height => Lines.Length * LineHeight;

    public float Width => Lines.IsEmpty ? 0 : Lines.Max(l => l.Width);
}
