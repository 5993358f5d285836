using CardService.Core.Cards;
using CardService.Core.Cards.Layout;
using CardService.Core.Fonts;
using CardService.Core.Tests.Support;
using SkiaSharp;

namespace CardService.Core.Tests.Cards;

public class CardLayoutTests
{
    private static readonly string LongTitle = string.Join(' ', Enumerable.Repeat("Words that go on and on", 10));

    // Arabic with digits and brackets inside: shaped as one paragraph they take the Arabic font's forms, shaped as a line
    // that starts with them the Latin font's, so a line measured to fit was drawn ~5 px wider than its box (1560×2400).
    private static readonly string MixedTitle = "ﻻ قصيرة لا لا ... 123,456 [مثال] السلام قصيرة مرحبا قصيرة ... ... 1.31";

    private static CardLayout CreateSut() => new(TestFonts.Registry);

    private static CardSpec FullSpec(string title, int width, int height) => new CardSpecBuilder()
        .WithTitle(title)
        .WithCategory("category")
        .WithDescription(string.Join(' ', Enumerable.Repeat("A description", 20)))
        .WithFooter("a-rather-long-site-name.example.dev", "Ada Lovelace", "2024-05-01")
        .WithSize(width, height)
        .Build();

    private static float FooterTop(CardComposition c) =>
        new[] { c.FooterMark.Top, c.FooterLeft?.Bounds.Top ?? float.MaxValue, c.FooterRight?.Bounds.Top ?? float.MaxValue }.Min();

    private static void AssertInside(SKRect safe, SKRect r, string what) =>
        Assert.True(r.Left >= safe.Left - 0.01f && r.Right <= safe.Right + 0.01f && r.Top >= safe.Top - 0.01f && r.Bottom <= safe.Bottom + 0.01f, $"{what}: {r} outside {safe}");

    public static TheoryData<int, int> Sizes()
    {
        var data = new TheoryData<int, int> { { 1200, 630 }, { 1200, 600 }, { 1080, 1080 }, { 630, 1200 }, { 1080, 1920 }, { 777, 333 }, { 1560, 2400 }, { 687, 1242 } };
        // Every width and height from 200 to 2400 in steps of 550 (200, 750, 1300, 1850, 2400), the extremes 200×2400 and 2400×200 too.
        for (var width = CardLimits.MinSide; width <= CardLimits.MaxSide; width += 550)
        {
            for (var height = CardLimits.MinSide; height <= CardLimits.MaxSide; height += 550)
            {
                data.Add(width, height);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Compose_AnySizeTemplateAndLogo_KeepsEverythingInsideTheSafeArea(int width, int height)
    {
        var sut = CreateSut();
        foreach (var template in CardTemplates.Names)
        {
            foreach (var (hasLogo, aspect) in new[] { (false, 1f), (true, 1f), (true, 10f), (true, 0.2f) })
            {
                foreach (var title in new[] { LongTitle, string.Join(' ', Enumerable.Repeat("مرحبا بالعالم: مقدمة قصيرة", 12)), MixedTitle })
                {
                    var spec = FullSpec(title, width, height) with { Template = template };
                    spec = title == MixedTitle ? spec with { Description = string.Join(' ', Enumerable.Repeat(MixedTitle, 3)) } : spec;

                    var composition = sut.Compose(spec, hasLogo, aspect);

                    var safe = composition.SafeArea;
                    var what = $"{template} {width}×{height} logo {hasLogo}/{aspect}";
                    Assert.True(safe.Left >= 0 && safe.Top >= 0 && safe.Right <= width && safe.Bottom <= height, $"{what}: safe area {safe} leaves the card");
                    foreach (var placed in new[] { composition.Category, composition.Title, composition.Description, composition.FooterLeft, composition.FooterRight })
                    {
                        if (placed is not null)
                        {
                            AssertInside(safe, placed.Bounds, what + " " + string.Join(" | ", placed.Block.Lines.Select(l => $"{l.Width:F0}:{l.Text}")) + $" max {placed.BoxWidth}");
                            AssertInside(safe, SKRect.Create(placed.Origin.X, placed.Origin.Y, placed.BoxWidth, placed.Block.Height), what + " (box)");
                        }
                    }

                    AssertInside(safe, composition.FooterMark, what + " (logo)");
                    Assert.True(composition.Title.Bounds.Bottom <= FooterTop(composition) + 0.01f, $"{what}: title overlaps the footer");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Compose_AnySize_TitleAtLeastItsFloorUnlessTheCardIsTiny(int width, int height)
    {
        var sut = CreateSut();
        foreach (var template in CardTemplates.Names)
        {
            var composition = sut.Compose(FullSpec(LongTitle, width, height) with { Template = template }, true, 4);

            var size = composition.Title.Block.FontSize;
            Assert.True(size >= composition.TitleFloor - 0.01f || Math.Min(width, height) < 400,
                $"{template} {width}×{height}: title {size} px under its floor {composition.TitleFloor}");

            // The floor itself: never under 4 % of the card's shorter side, and 20 px from a 400 px side up.
            Assert.True(size >= 0.04f * Math.Min(width, height) - 0.01f || Math.Min(width, height) < 400, $"{template} {width}×{height}: title {size} px");
            Assert.True(size >= 20 || Math.Min(width, height) < 400, $"{template} {width}×{height}: title {size} px");
        }
    }

    [Theory]
    [InlineData(1200, 630, "landscape")]
    [InlineData(1200, 600, "landscape")]
    [InlineData(2400, 200, "landscape")]
    [InlineData(1080, 1080, "square")]
    [InlineData(1080, 1350, "square")]
    [InlineData(630, 1200, "portrait")]
    [InlineData(1080, 1920, "portrait")]
    [InlineData(200, 2400, "portrait")]
    public void Compose_Aspect_ChoosesTheNearestShape(int width, int height, string shape)
    {
        var composition = CreateSut().Compose(new CardSpecBuilder().WithSize(width, height).Build(), false, 1);

        Assert.Equal(shape, composition.Shape.Name);
    }

    [Fact]
    public void Compose_SquareAndTallCards_SetTheTitleLargerThanScaledLandscape()
    {
        // Before shapes, 1080×1080 got a 64 px title and 630×1200 a 34 px one: the landscape layout scaled down.
        var sut = CreateSut();
        var title = "Building a tiny static site generator in a weekend";

        var square = sut.Compose(new CardSpecBuilder().WithTitle(title).WithSize(1080, 1080).Build(), false, 1);
        var tall = sut.Compose(new CardSpecBuilder().WithTitle(title).WithSize(630, 1200).Build(), false, 1);

        Assert.Equal(88, square.Title.Block.FontSize);
        Assert.True(tall.Title.Block.FontSize >= 56, $"tall title {tall.Title.Block.FontSize} px");
        Assert.True(square.Title.Block.Height > 1080 * 0.25f, "the square title fills a quarter of the card");
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(4f)]
    [InlineData(10f)]
    [InlineData(0.25f)]
    public void Compose_Logo_KeepsItsAspectAndTheSiteNameFollowsIt(float aspect)
    {
        var composition = CreateSut().Compose(new CardSpecBuilder().WithFooter("blog.example").Build(), hasLogo: true, logoAspect: aspect);

        var mark = composition.FooterMark;
        Assert.Equal(aspect, mark.Width / mark.Height, 3);
        Assert.True(mark.Height <= 48.01f && mark.Width <= 48 * CardLayout.MaxLogoAspect + 0.01f, $"logo {mark}");
        Assert.Equal(mark.Right + 20, composition.FooterLeft!.Origin.X, 2);
    }

    [Fact]
    public void Compose_RightToLeftTitle_MirrorsTheWholeComposition()
    {
        var sut = CreateSut();
        var ltr = sut.Compose(FullSpec("Hello world", 1200, 630), true, 2);
        var rtl = sut.Compose(FullSpec("مرحبا بالعالم", 1200, 630), true, 2);

        Assert.True(rtl.IsRightToLeft);
        Assert.Equal(1200 - ltr.FooterMark.Right, rtl.FooterMark.Left, 2);
        Assert.Equal(ltr.FooterMark.Top, rtl.FooterMark.Top, 2);
        Assert.Equal(BlockAlign.Right, rtl.Title.Align);
        Assert.Equal(BlockAlign.Right, rtl.Category!.Align);
        Assert.Equal(1200 - 80, rtl.Category.Bounds.Right, 1);
        Assert.True(rtl.FooterLeft!.Bounds.Right <= rtl.FooterMark.Left, "the site name is left of the logo");
        Assert.Equal(80, rtl.FooterRight!.Bounds.Left, 1);
    }

    [Fact]
    public void Compose_RightToLeftSplit_PutsThePanelOnTheLeft()
    {
        var composition = CreateSut().Compose(FullSpec("مرحبا بالعالم", 1200, 630) with { Template = "split" }, false, 1);

        Assert.Equal(0, composition.Panel!.Value.Left);
        Assert.True(composition.Title.Bounds.Left >= composition.Panel.Value.Right);
    }

    [Theory]
    [InlineData("engineering", "ENGINEERING", true)]
    [InlineData("Ingénierie", "INGÉNIERIE", true)]
    [InlineData("วิศวกรรม", "วิศวกรรม", false)]
    [InlineData("技術", "技術", false)]
    [InlineData("هندسة", "هندسة", false)]
    public void Compose_Category_IsUpperCasedAndTrackedOnlyInScriptsWithCase(string category, string drawn, bool tracked)
    {
        var composition = CreateSut().Compose(new CardSpecBuilder().WithCategory(category).Build(), false, 1);

        var block = composition.Category!.Block;
        Assert.Equal(drawn, block.Lines[0].Text);
        var untracked = new TextLayout(TestFonts.Registry).Layout(drawn, new TextStyle(FontWeight.Bold, 28, 28, 1, 2000, 1.2f)).Width;
        Assert.Equal(tracked, block.Width > untracked + 1);
    }

    [Theory]
    [InlineData("Latin title for the card", 1.15f)]
    [InlineData("你好世界：文本渲染入门", 1.3f)]
    [InlineData("こんにちは世界：テキスト描画", 1.3f)]
    [InlineData("안녕하세요 세계", 1.3f)]
    [InlineData("สวัสดีชาวโลก", 1.25f)]
    [InlineData("नमस्ते दुनिया", 1.25f)]
    public void Compose_Title_TakesItsScriptsLineHeight(string title, float lineHeight)
    {
        var block = CreateSut().Compose(new CardSpecBuilder().WithTitle(title).Build(), false, 1).Title.Block;

        Assert.Equal(lineHeight, block.LineHeight / block.FontSize, 3);
    }

    [Fact]
    public void Compose_KoreanTitle_BreaksOnlyBetweenWords()
    {
        var title = "안녕하세요 세계: 텍스트 렌더링 입문과 줄바꿈 규칙을 알아보는 가이드 그리고 한국어 제목은 단어 단위로 줄을 바꿉니다";

        var block = CreateSut().Compose(new CardSpecBuilder().WithTitle(title).Build(), false, 1).Title.Block;

        Assert.True(block.Lines.Length > 1);
        var words = title.Split(' ');
        Assert.All(block.Lines, line => Assert.All(line.Text.TrimEnd('…').Split(' '), word => Assert.Contains(words, w => w == word || (line.Text.EndsWith('…') && w.StartsWith(word, StringComparison.Ordinal)))));
    }

    [Fact]
    public void Compose_TitleAndFooter_DoNotOverlap()
    {
        var sut = CreateSut();
        var spec = new CardSpecBuilder().WithTitle(string.Join(' ', Enumerable.Repeat("Long title", 30))).WithCategory("cat").WithFooter("site").Build();

        var composition = sut.Compose(spec, hasLogo: false, logoAspect: 1);

        Assert.True(composition.Category!.Origin.Y + composition.Category.Block.Height <= composition.Title.Origin.Y + 0.01f);
        Assert.True(composition.Title.Origin.Y + composition.Title.Block.Height <= composition.FooterMark.Top + 0.01f);
        Assert.True(composition.Title.Block.Clamped);
        Assert.Equal(3, composition.Title.Block.Lines.Length);
    }

    [Fact]
    public void Compose_TallCard_AllowsMoreTitleLines()
    {
        var sut = CreateSut();
        var title = string.Join(' ', Enumerable.Repeat("Long title", 30));

        var wide = sut.Compose(new CardSpecBuilder().WithTitle(title).Build(), false, 1);
        var square = sut.Compose(new CardSpecBuilder().WithTitle(title).WithSize(1080, 1080).Build(), false, 1);

        Assert.Equal(3, wide.Title.Block.Lines.Length);
        Assert.Equal(5, square.Title.Block.Lines.Length);
    }

    [Fact]
    public void Compose_ShortTitle_IsCentredBetweenCategoryAndFooter()
    {
        var sut = CreateSut();

        var composition = sut.Compose(new CardSpecBuilder().WithTitle("Short").WithCategory("cat").Build(), false, 1);

        var above = composition.Title.Origin.Y - (composition.Category!.Origin.Y + composition.Category.Block.Height);
        var below = composition.FooterMark.Top - (composition.FooterMark.Height == 6 ? 15 : 0) - (composition.Title.Origin.Y + composition.Title.Block.Height);
        Assert.Equal(above, below, 1);
        Assert.Equal(64, composition.Title.Block.FontSize);
    }

    [Fact]
    public void Compose_WideLogo_IsDrawnShorterNotSquashed()
    {
        var sut = CreateSut();

        var square = sut.Compose(new CardSpecBuilder().Build(), hasLogo: true, logoAspect: 1);
        var wide = sut.Compose(new CardSpecBuilder().Build(), hasLogo: true, logoAspect: 10);

        Assert.Equal((48f, 48f), (square.FooterMark.Width, square.FooterMark.Height));
        Assert.Equal(192f, wide.FooterMark.Width, 3);
        Assert.Equal(19.2f, wide.FooterMark.Height, 3);
    }

    [Fact]
    public void Compose_MissingCodePointsInAnyField_AreCollectedOnce()
    {
        var sut = CreateSut();
        var spec = new CardSpecBuilder().WithTitle("𝄞").WithDescription("𝄞").WithFooter("\uE000", "𝄞").Build();

        var composition = sut.Compose(spec, false, 1);

        Assert.Equal([0xE000, 0x1D11E], composition.MissingCodePoints.Order().ToArray());
    }
}
