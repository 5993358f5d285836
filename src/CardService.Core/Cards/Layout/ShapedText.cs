using System.Collections.Immutable;
using CardService.Core.Fonts;

namespace CardService.Core.Cards.Layout;

/// <summary>
/// One run of text in one face at one bidi level, shaped by HarfBuzz. Glyphs are in visual order
/// (right to left runs come out of HarfBuzz already reversed); advances and offsets are in em.
/// </summary>
internal sealed record ShapedRun(
    FontFace Face,
    int Start,
    int Length,
    byte Level,
    ushort[] Glyphs,
    float[] Advances,
    float[] OffsetsX,
    float[] OffsetsY,
    int[] Clusters)
{
    public bool IsRightToLeft => (Level & 1) == 1;
}

/// <summary>A paragraph split into font and direction runs (logical order) and shaped.</summary>
/// <param name="Text">The paragraph.</param>
/// <param name="ParagraphLevel">0 for a left-to-right paragraph, 1 for right to left.</param>
/// <param name="Runs">The shaped runs in logical order.</param>
/// <param name="ClusterAdvances">Advance in em of the cluster starting at each UTF-16 index (0 inside a cluster).</param>
/// <param name="MissingCodePoints">Code points no bundled face can draw.</param>
internal sealed record ShapedText(
    string Text,
    byte ParagraphLevel,
    ImmutableArray<ShapedRun> Runs,
    float[] ClusterAdvances,
    ImmutableArray<int> MissingCodePoints)
{
    public bool IsRightToLeft => (ParagraphLevel & 1) == 1;
}

/// <summary>Small numeric helpers kept out of LINQ: generic instantiations over floats are JIT work on a fresh process.</summary>
internal static class TextMath
{
    public static float Sum(float[] values)
    {
        var sum = 0f;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }
}
