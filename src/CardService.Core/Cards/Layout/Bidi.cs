namespace CardService.Core.Cards.Layout;

/// <summary>Unicode bidirectional levels from the system ICU (the same library .NET uses on Linux).</summary>
internal static class Bidi
{
    /// <summary>Levels per UTF-16 unit and the resolved paragraph level. Text with no right-to-left character skips ICU.</summary>
    public static (byte[] Levels, byte ParagraphLevel) Levels(string text, byte paragraphLevel)
    {
        if (!HasRightToLeft(text))
        {
            var level = paragraphLevel == TextShaper.AutoLevel ? (byte)0 : paragraphLevel;
            var levels = new byte[text.Length];
            if (level != 0)
            {
                levels.AsSpan().Fill(level);
            }

            return (levels, level);
        }

        return SystemIcu.BidiLevels(text, paragraphLevel);
    }

    /// <summary>Hebrew, Arabic, Syriac, Thaana, NKo… and their presentation forms, plus explicit RTL marks.</summary>
    private static bool HasRightToLeft(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF'
                or '\u200F' or '\u202B' or '\u202E' or '\u2067' || char.IsHighSurrogate(c) && c is '\uD802' or '\uD803' or '\uD83A' or '\uD83B')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Rule L2 of UAX #9: from the highest level down to the lowest odd one, reverse every sequence at or above it.</summary>
    public static int[] VisualOrder(IReadOnlyList<byte> runLevels)
    {
        // Plain loops, not LINQ over bytes: each generic instantiation is JIT work on a fresh process's first card.
        var order = new int[runLevels.Count];
        byte highest = 0;
        var lowestOdd = byte.MaxValue;
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            highest = Math.Max(highest, runLevels[i]);
            lowestOdd = (runLevels[i] & 1) == 1 ? Math.Min(lowestOdd, runLevels[i]) : lowestOdd;
        }

        for (var level = highest; level >= lowestOdd && level > 0; level--)
        {
            var i = 0;
            while (i < order.Length)
            {
                if (runLevels[order[i]] < level)
                {
                    i++;
                    continue;
                }

                var end = i;
                while (end < order.Length && runLevels[order[end]] >= level)
                {
                    end++;
                }

                Array.Reverse(order, i, end - i);
                i = end;
            }
        }

        return order;
    }
}
