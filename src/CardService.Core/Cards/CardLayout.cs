using System.Collections.Immutable;
using System.Globalization;
using CardService.Core.Cards.Layout;
using CardService.Core.Fonts;
using SkiaSharp;

namespace CardService.Core.Cards;

/// <summary>Where a block's lines sit in its box, on the card as drawn (a right-to-left card turns start into right).</summary>
internal enum BlockAlign
{
    Left,
    Centre,
    Right,
}

/// <summary>A block of text, where its box's top-left corner sits on the card, and how its lines align in the box.</summary>
internal sealed record PlacedBlock(TextBlock Block, SKPoint Origin, float BoxWidth, BlockAlign Align = BlockAlign.Left)
{
    /// <summary>Where a line of <paramref name="lineWidth"/> px starts.</summary>
    public float LineX(float lineWidth) => Align switch
    {
        BlockAlign.Right => Origin.X + BoxWidth - lineWidth,
        BlockAlign.Centre => Origin.X + (BoxWidth - lineWidth) / 2,
        _ => Origin.X,
    };

    /// <summary>The ink's extent: the widest line where it is drawn.</summary>
    public SKRect Bounds => SKRect.Create(LineX(Block.Width), Origin.Y, Block.Width, Block.Height);
}

/// <summary>
/// Where everything on a card goes: the shape's composition (<see cref="CardShape"/>) arranged by the template
/// (<see cref="CardTemplate"/>), mirrored as a whole when the title is right-to-left. <c>TitleFloor</c> is the title's
/// size floor on this card: it goes below it only when one line at the floor cannot fit.
/// </summary>
internal sealed record CardComposition(
    float Scale,
    float TitleFloor,
    CardShape Shape,
    CardTemplate Template,
    SKRect SafeArea,
    SKRect? Panel,
    bool IsRightToLeft,
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
    /// <summary>A logo may be up to this many times as wide as it is tall; wider ones are drawn shorter, never squashed.</summary>
    public const float MaxLogoAspect = 4f;

    // The hero panel of the split template takes this share of the card's width (landscape) or height (square, portrait).
    private const float PanelShare = 0.4f;

    private readonly TextLayout _text = new(fonts);

    public CardComposition Compose(CardSpec spec, bool hasLogo, float logoAspect)
    {
        var template = CardTemplates.TryGet(spec.Template, out var t) ? t : CardTemplates.Default;
        var shape = CardShape.For(spec.Width, spec.Height);
        var s = shape.ScaleFor(spec.Width, spec.Height);
        var safe = SKRect.Create(shape.PadX * s, shape.PadY * s, spec.Width - 2 * shape.PadX * s, spec.Height - 2 * shape.PadY * s);
        var (content, panel) = Split(template, shape, safe, spec.Width, spec.Height, s);
        var centre = template.Alignment == TemplateAlignment.Centre;
        var align = centre ? BlockAlign.Centre : BlockAlign.Left;
        var gap = 20 * s;

        // Category: upper-case and tracked only in scripts with case.
        PlacedBlock? category = null;
        if (spec.Category is { } c)
        {
            var cased = ScriptTypography.IsCased(c);
            var size = shape.Category * s;
            var block = _text.Layout(cased ? c.ToUpper(CultureInfo.InvariantCulture) : c,
                new TextStyle(FontWeight.Bold, size, size, 1, content.Width, 1.2f, cased ? size / 7 : 0));
            category = new PlacedBlock(block, new SKPoint(content.Left, content.Top), content.Width, align);
        }

        var footer = Footer(spec, shape, content, s, hasLogo, logoAspect, centre || shape.StackedFooter, centre);

        // The title (and description, when there is room) sit centred between the category and the footer, or just above
        // the footer in a bottom-anchored template.
        var top = content.Top + (category?.Block.Height ?? 0);
        var areaHeight = footer.Top - top - (template.Anchor == TemplateAnchor.Bottom ? gap : 0);
        var narrow = panel is not null && shape == CardShape.Landscape ? 0.85f : 1f;
        var lineHeight = ScriptTypography.TitleLineHeight(spec.Title);

        // The floor gives way only when a single line at it cannot fit (a tiny card): then the title fits the space.
        var floor = Math.Min(shape.TitleFloor * s * narrow, Math.Max(areaHeight, 1) / lineHeight);
        var lines = Math.Clamp((int)(areaHeight / (floor * lineHeight)), 1, shape.TitleLines + (narrow < 1 ? 1 : 0));
        var titleStyle = new TextStyle(FontWeight.Bold, Math.Max(shape.Title * s * narrow, floor), floor, lines, content.Width, lineHeight, 0, KeepHangulWords: true);
        var title = _text.Layout(spec.Title, titleStyle);
        while (title.Height > areaHeight && titleStyle.MaxLines > 1)
        {
            // Sizes shrink in steps, so a clamped title can settle just above the floor and need one line fewer.
            titleStyle = titleStyle with { MaxLines = titleStyle.MaxLines - 1 };
            title = _text.Layout(spec.Title, titleStyle);
        }

        TextBlock? description = null;
        if (spec.Description is { } d)
        {
            var style = new TextStyle(FontWeight.Regular, shape.Description * s, shape.Description * s * 0.8f, 0, content.Width, 1.3f);
            var fit = Math.Min(shape.DescriptionLines, (int)((areaHeight - title.Height - 2 * gap) / (style.MinSize * style.LineHeight)));
            description = fit > 0 ? _text.Layout(d, style with { MaxLines = fit }) : null;
        }

        var groupHeight = title.Height + (description is null ? 0 : gap + description.Height);
        float titleTop;
        if (template.Anchor == TemplateAnchor.Bottom)
        {
            titleTop = Math.Max(top, footer.Top - gap - groupHeight);
            category = category is null ? null : category with { Origin = new SKPoint(content.Left, titleTop - category.Block.Height) };
        }
        else
        {
            titleTop = top + Math.Max(0, (areaHeight - groupHeight) / 2);
        }

        var composition = new CardComposition(
            s,
            shape.TitleFloor * s * narrow,
            shape,
            template,
            safe,
            panel,
            title.IsRightToLeft,
            category,
            new PlacedBlock(title, new SKPoint(content.Left, titleTop), content.Width, align),
            description is null ? null : new PlacedBlock(description, new SKPoint(content.Left, titleTop + title.Height + gap), content.Width, align),
            footer.Mark,
            footer.Site,
            footer.Byline,
            Missing(category?.Block, title, description, footer.Site?.Block, footer.Byline?.Block));
        return composition.IsRightToLeft ? Mirror(composition, spec.Width) : composition;
    }

    /// <summary>The text's box and the hero panel, for templates that give part of the card to the image.</summary>
    private static (SKRect Content, SKRect? Panel) Split(CardTemplate template, CardShape shape, SKRect safe, int width, int height, float s)
    {
        if (template.Image != TemplateImage.Panel)
        {
            return (safe, null);
        }

        if (shape == CardShape.Landscape)
        {
            var panelWidth = MathF.Round(width * PanelShare);
            return (new SKRect(safe.Left, safe.Top, width - panelWidth - shape.PadX * s, safe.Bottom), new SKRect(width - panelWidth, 0, width, height));
        }

        var panelHeight = MathF.Round(height * PanelShare);
        return (new SKRect(safe.Left, panelHeight + shape.PadY * s * 0.6f, safe.Right, safe.Bottom), new SKRect(0, 0, width, panelHeight));
    }

    private sealed record FooterPlacement(float Top, SKRect Mark, PlacedBlock? Site, PlacedBlock? Byline);

    /// <summary>
    /// The logo (or the accent bar) with the site name beside it, and the byline: on the same row at the right, or stacked
    /// above them on narrow cards and centred templates.
    /// </summary>
    private FooterPlacement Footer(CardSpec spec, CardShape shape, SKRect content, float s, bool hasLogo, float logoAspect, bool stacked, bool centre)
    {
        var markHeight = shape.Logo * s;
        var rowHeight = hasLogo ? markHeight : shape.SiteName * s * 1.2f;
        var rowTop = content.Bottom - rowHeight;
        var markSize = !hasLogo
            ? new SKSize(markHeight, markHeight / 8)
            : logoAspect > MaxLogoAspect ? new SKSize(markHeight * MaxLogoAspect, markHeight * MaxLogoAspect / logoAspect) : new SKSize(markHeight * logoAspect, markHeight);
        var markGap = 20 * s;

        var byline = string.Join(" · ", new[] { spec.Author, spec.Date }.Where(v => v is not null));
        var bylineBlock = byline.Length > 0
            ? _text.Layout(byline, new TextStyle(FontWeight.Regular, shape.Byline * s, shape.Byline * s, 1, content.Width * (stacked ? 1 : 0.45f), 1.2f))
            : null;
        var siteStyle = new TextStyle(FontWeight.Regular, shape.SiteName * s, shape.SiteName * s, 1, Math.Max(0, content.Width - markSize.Width - markGap), 1.2f);
        var site = spec.SiteName is { } name ? _text.Layout(name, siteStyle) : null;

        // The byline shares the row when the site name still fits whole beside it; otherwise it moves above the row.
        var rowSpace = siteStyle.MaxWidth - (bylineBlock is null ? 0 : bylineBlock.Width + 32 * s);
        stacked |= bylineBlock is not null && site is not null && (site.Clamped || site.Width > rowSpace);
        var siteWidth = stacked || bylineBlock is null ? siteStyle.MaxWidth : Math.Max(0, rowSpace);
        if (stacked && bylineBlock is { Clamped: true } && byline.Length > 0)
        {
            bylineBlock = _text.Layout(byline, new TextStyle(FontWeight.Regular, shape.Byline * s, shape.Byline * s, 1, content.Width, 1.2f));
        }

        // A centred row centres the mark and the site name together.
        var rowWidth = markSize.Width + (site is null ? 0 : markGap + site.Width);
        var markLeft = centre ? content.MidX - rowWidth / 2 : content.Left;
        var mark = SKRect.Create(markLeft, rowTop + (rowHeight - markSize.Height) / 2, markSize.Width, markSize.Height);
        var siteBox = centre ? site?.Width ?? 0 : siteWidth;
        var placedSite = site is null ? null : new PlacedBlock(site, new SKPoint(mark.Right + markGap, rowTop + (rowHeight - site.Height) / 2), siteBox);

        if (bylineBlock is null)
        {
            return new FooterPlacement(rowTop, mark, placedSite, null);
        }

        if (stacked)
        {
            var bylineTop = rowTop - 12 * s - bylineBlock.Height;
            var placed = new PlacedBlock(bylineBlock, new SKPoint(content.Left, bylineTop), content.Width, centre ? BlockAlign.Centre : BlockAlign.Left);
            return new FooterPlacement(bylineTop, mark, placedSite, placed);
        }

        var right = new PlacedBlock(bylineBlock, new SKPoint(content.Right - bylineBlock.Width, rowTop + (rowHeight - bylineBlock.Height) / 2), bylineBlock.Width);
        return new FooterPlacement(rowTop, mark, placedSite, right);
    }

    /// <summary>The composition seen in a mirror: what was at the left is at the right, and lines align to the right.</summary>
    private static CardComposition Mirror(CardComposition c, float width)
    {
        SKRect Flip(SKRect r) => new(width - r.Right, r.Top, width - r.Left, r.Bottom);
        PlacedBlock? FlipBlock(PlacedBlock? b) => b is null ? null : b with
        {
            Origin = new SKPoint(width - b.Origin.X - b.BoxWidth, b.Origin.Y),
            Align = b.Align switch { BlockAlign.Left => BlockAlign.Right, BlockAlign.Right => BlockAlign.Left, _ => BlockAlign.Centre },
        };

        return c with
        {
            SafeArea = Flip(c.SafeArea),
            Panel = c.Panel is { } p ? Flip(p) : null,
            Category = FlipBlock(c.Category),
            Title = FlipBlock(c.Title)!,
            Description = FlipBlock(c.Description),
            FooterMark = Flip(c.FooterMark),
            FooterLeft = FlipBlock(c.FooterLeft),
            FooterRight = FlipBlock(c.FooterRight),
        };
    }

    private static ImmutableArray<int> Missing(params TextBlock?[] blocks)
    {
        var missing = new List<int>();
        foreach (var block in blocks)
        {
            foreach (var codePoint in block?.MissingCodePoints ?? [])
            {
                if (!missing.Contains(codePoint))
                {
                    missing.Add(codePoint);
                }
            }
        }

        return [.. missing];
    }
}
