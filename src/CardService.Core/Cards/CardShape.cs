namespace CardService.Core.Cards;

/// <summary>
/// One composition per card shape, in px at its reference size; a card of any size takes the shape nearest its aspect
/// and scales it by the smaller of its width and height ratios, so nothing leaves the card.
/// </summary>
/// <param name="Name">landscape, square or portrait.</param>
/// <param name="ReferenceWidth">The size the numbers below are for.</param>
/// <param name="ReferenceHeight">The size the numbers below are for.</param>
/// <param name="PadX">Safe-area margin left and right.</param>
/// <param name="PadY">Safe-area margin top and bottom.</param>
/// <param name="Title">Title size tried first.</param>
/// <param name="TitleFloor">Below it the title is clamped rather than shrunk.</param>
/// <param name="TitleLines">Most title lines.</param>
/// <param name="Description">Description size tried first (its floor is 80 % of it).</param>
/// <param name="DescriptionLines">Most description lines.</param>
/// <param name="Category">Category label size.</param>
/// <param name="SiteName">Site name size.</param>
/// <param name="Byline">Author and date size.</param>
/// <param name="Logo">The logo box's height (its width is up to four times that).</param>
/// <param name="StackedFooter">Byline on its own line above the logo and site name, for narrow cards.</param>
internal sealed record CardShape(
    string Name,
    float ReferenceWidth,
    float ReferenceHeight,
    float PadX,
    float PadY,
    float Title,
    float TitleFloor,
    int TitleLines,
    float Description,
    int DescriptionLines,
    float Category,
    float SiteName,
    float Byline,
    float Logo,
    bool StackedFooter)
{
    public static readonly CardShape Landscape = new("landscape", 1200, 630, 80, 72, 64, 44, 3, 32, 2, 28, 30, 26, 48, false);
    public static readonly CardShape Square = new("square", 1080, 1080, 88, 88, 88, 56, 5, 38, 3, 32, 34, 30, 56, false);
    public static readonly CardShape Portrait = new("portrait", 1080, 1920, 96, 120, 104, 64, 7, 44, 4, 36, 38, 32, 64, true);

    public float Aspect => ReferenceWidth / ReferenceHeight;

    /// <summary>The shape whose aspect is nearest (on a log scale, so 2:1 and 1:2 are as far from square).</summary>
    public static CardShape For(int width, int height)
    {
        var aspect = MathF.Log((float)width / height);
        return new[] { Landscape, Square, Portrait }.MinBy(s => MathF.Abs(MathF.Log(s.Aspect) - aspect))!;
    }

    /// <summary>The factor this shape's numbers are multiplied by on a <paramref name="width"/>×<paramref name="height"/> card.</summary>
    public float ScaleFor(int width, int height) => Math.Min(width / ReferenceWidth, height / ReferenceHeight);
}
