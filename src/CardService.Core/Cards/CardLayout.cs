using System.Collections.Immutable;
using System.Globalization;
using CardService.Core.Cards.Layout;
using CardService.Core.Fonts;
using SkiaSharp;

namespace CardService.Core.Cards;

/// <summary>A block of text and where its box's top-left corner sits on the card.</summary>
internal sealed record PlacedBlock(TextBlock Block, SKPoint Origin, float BoxWidth);

/// <summary>
/// Where everything on a card goes. The reference design at 1200×630 — 72/80 px padding, category label at the
/// top, title in the middle, accent bar and site name at the bottom — scaled by the card's size.
/// </summary>
internal sealed record CardComposition(
    float Scale,
    PlacedBlock? Category,
    PlacedBlock Title,
    PlacedBlock? Description,
    SKRect FooterMark,
    PlacedBlock? FooterLeft,
    PlacedBlock? FooterRight,
    ImmutableArray<int> MissingCodePoints);

/// <summary>Computes a <see cref="CardComposition"/>; pure layout, no pixels.</summary>
internal sealed class CardLayout(FontRegistry fonts)
{
    public const float BaseWidth = 1200f;
    public const float BaseHeight = 630f;

    private readonly TextLayout _text = new(fonts);

    public CardComposition Compose(CardSpec spec, bool hasLogo, float logoAspect)
    {
        var s = Math.Min(spec.Width / BaseWidth, spec.Height / BaseHeight);
        var padX = 80 * s;
        var padY = 72 * s;
        var width = spec.Width - 2 * padX;
        var tall = spec.Height > spec.Width * 0.75f;

        var category = spec.Category is { } c
            ? Place(_text.Layout(c.ToUpper(CultureInfo.InvariantCulture), new TextStyle(FontWeight.Bold, 28 * s, 28 * s, 1, width, 1.2f, 4 * s)), padX, padY, width)
            : null;

        // Footer: a logo (or the accent bar), the site name beside it, author and date on the right.
        var footerHeight = (hasLogo ? 48 : 36) * s;
        var footerTop = spec.Height - padY - footerHeight;
        var mark = hasLogo
            ? SKRect.Create(padX, footerTop, Math.Min(48 * s * logoAspect, 160 * s), 48 * s)
            : SKRect.Create(padX, footerTop + (footerHeight - 6 * s) / 2, 48 * s, 6 * s);
        var byline = string.Join(" · ", new[] { spec.Author, spec.Date }.Where(v => v is not null));
        var rightStyle = new TextStyle(FontWeight.Regular, 26 * s, 26 * s, 1, width * 0.45f, 1.2f);
        var right = byline.Length > 0 ? _text.Layout(byline, rightStyle) : null;
        var leftX = mark.Right + 20 * s;
        var leftWidth = spec.Width - padX - leftX - (right is null ? 0 : right.Width + 32 * s);
        var left = spec.SiteName is { } site
            ? _text.Layout(site, new TextStyle(FontWeight.Regular, 30 * s, 30 * s, 1, Math.Max(leftWidth, 0), 1.2f))
            : null;

        // The title (and description, when there is room) sit centred between the category and the footer.
        var top = padY + (category?.Block.Height ?? 0);
        var areaHeight = footerTop - top;
        var titleStyle = new TextStyle(FontWeight.Bold, 64 * s, 44 * s, 0, width, 1.15f);
        titleStyle = titleStyle with { MaxLines = Math.Clamp((int)(areaHeight / (titleStyle.MinSize * titleStyle.LineHeight)), 1, tall ? 5 : 3) };
        var title = _text.Layout(spec.Title, titleStyle);

        TextBlock? description = null;
        var gap = 20 * s;
        if (spec.Description is { } d)
        {
            var style = new TextStyle(FontWeight.Regular, 32 * s, 26 * s, 0, width, 1.3f);
            var lines = Math.Min(tall ? 4 : 2, (int)((areaHeight - title.Height - 2 * gap) / (style.MinSize * style.LineHeight)));
            description = lines > 0 ? _text.Layout(d, style with { MaxLines = lines }) : null;
        }

        var groupHeight = title.Height + (description is null ? 0 : gap + description.Height);
        var titleTop = top + Math.Max(0, (areaHeight - groupHeight) / 2);
        var placedTitle = Place(title, padX, titleTop, width);
        var placedDescription = description is null ? null : Place(description, padX, titleTop + title.Height + gap, width);

        var missing = new List<int>();
        foreach (var block in new[] { category?.Block, placedTitle.Block, placedDescription?.Block, left, right })
        {
            foreach (var codePoint in block?.MissingCodePoints ?? [])
            {
                if (!missing.Contains(codePoint))
                {
                    missing.Add(codePoint);
                }
            }
        }


        return new CardComposition(
            s,
            category,
            placedTitle,
            placedDescription,
            mark,
            left is null ? null : Place(left, leftX, footerTop + (footerHeight - left.Height) / 2, Math.Max(leftWidth, 0)),
            right is null ? null : Place(right, spec.Width - padX - right.Width, footerTop + (footerHeight - right.Height) / 2, right.Width),
            [.. missing]);
    }

    private static PlacedBlock Place(TextBlock block, float x, float y, float boxWidth) => new(block, new SKPoint(x, y), boxWidth);
}
