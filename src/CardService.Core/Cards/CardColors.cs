using System.Globalization;
using SkiaSharp;

namespace CardService.Core.Cards;

/// <summary>Parses the colour forms the API accepts: <c>#rgb</c> and <c>#rrggbb</c> (the <c>#</c> may be left out).</summary>
public static class CardColors
{
    public static bool TryParse(string value, out SKColor color)
    {
        color = default;
        var hex = value.StartsWith('#') ? value[1..] : value;
        if (hex.Length is not (3 or 6) || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        if (hex.Length == 3)
        {
            hex = string.Concat(hex.Select(c => new string(c, 2)));
        }

        var rgb = uint.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        color = new SKColor((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return true;
    }
}
