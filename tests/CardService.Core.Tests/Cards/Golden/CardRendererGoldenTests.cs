using CardService.Core.Cards;
using CardService.Core.Fonts;
using CardService.Core.Tests.Support;
using SkiaSharp;

namespace CardService.Core.Tests.Cards.Golden;

/// <summary>Whole cards compared with reviewed PNGs in this folder (see <see cref="GoldenImage"/> for the tolerance and re-recording).</summary>
public class CardRendererGoldenTests
{
    public static TheoryData<string, string> Scripts => new()
    {
        { "latin", "Écrire un moteur de rendu: œuvre, façade & naïveté" },
        { "greek", "Καλημέρα κόσμε: μια σύντομη εισαγωγή" },
        { "cyrillic", "Привет, мир! Как устроен рендеринг текста" },
        { "arabic", "مرحبا بالعالم: مقدمة إلى React 18 في 2024" },
        { "hebrew", "שלום עולם: מדריך ל-TypeScript גרסה 5" },
        { "devanagari", "नमस्ते दुनिया: क्षत्रिय और श्रद्धा" },
        { "thai", "สวัสดีชาวโลก นี่คือชื่อเรื่องภาษาไทยที่ยาวพอที่จะตัดบรรทัด" },
        { "chinese", "你好世界：文本渲染入门与换行规则的简单介绍" },
        { "japanese", "こんにちは世界：テキスト描画の基本と改行の話" },
        { "korean", "안녕하세요 세계: 텍스트 렌더링 입문" },
        { "emoji", "Ship it🚀 family 👩‍👩‍👧‍👦 flag 🇯🇵 heart ❤️ keycap 1️⃣ thumbs 👍🏽" },
    };

    private static CardRenderer CreateSut() => new(TestFonts.Registry);

    [Theory]
    [InlineData("dark")]
    [InlineData("light")]
    [InlineData("sunset")]
    public void Render_Theme_MatchesGolden(string theme)
    {
        var spec = new CardSpecBuilder()
            .WithTitle("Building a tiny static site generator in a weekend")
            .WithCategory("engineering")
            .WithDescription("Markdown in, HTML out, and a few opinions about templates.")
            .WithFooter("blog.example", "Ada Lovelace", "2024-05-01")
            .WithTheme(theme)
            .Build();

        GoldenImage.Verify($"theme-{theme}", CreateSut().Render(spec).Bytes);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Render_Script_MatchesGolden(string script, string title)
    {
        var spec = new CardSpecBuilder().WithTitle(title).WithCategory(script).WithFooter("blog.example").Build();

        var card = CreateSut().Render(spec);

        Assert.Empty(card.MissingCodePoints);
        GoldenImage.Verify($"script-{script}", card.Bytes);
    }

    [Fact]
    public void Render_BrandFonts_MatchesGoldenAndDiffersFromTheBundledFonts()
    {
        // Noto Sans (SIL Open Font License 1.1, bundled in fonts/) stands in for a brand's own title and body fonts.
        using var brand = new FontRegistry(new FontOptions { Title = WoffFile.BundledFont("NotoSans-Bold.ttf"), Body = WoffFile.BundledFont("NotoSans-Regular.ttf") });
        var spec = new CardSpecBuilder()
            .WithTitle("Grotesque, geometric, humanist: a brand's own typeface")
            .WithCategory("typography")
            .WithDescription("Quick brown foxes jump over lazy dogs, 0123456789.")
            .WithFooter("brand.example", "Ada Lovelace", "2024-05-01")
            .Build();

        var card = new CardRenderer(brand).Render(spec);

        GoldenImage.Verify("brand-fonts", card.Bytes);
        Assert.NotNull(GoldenImage.Compare(card.Bytes.ToArray(), CreateSut().Render(spec).Bytes));
    }

    [Fact]
    public void Render_ClampedLongTitle_MatchesGolden()
    {
        var spec = new CardSpecBuilder()
            .WithTitle(string.Join(' ', Enumerable.Repeat("A title that keeps going well past three lines,", 5)))
            .WithCategory("long reads")
            .WithFooter("blog.example", "Ada Lovelace")
            .Build();

        GoldenImage.Verify("clamped-long-title", CreateSut().Render(spec).Bytes);
    }

    [Fact]
    public void Render_LogoAndFooter_MatchesGolden()
    {
        var spec = new CardSpecBuilder()
            .WithTitle("Release notes: version 2.0 is out")
            .WithCategory("news")
            .WithLogo(TestPictures.LogoDataUri())
            .WithFooter("Example Corp", "The release team", "2024-05-01")
            .WithTheme("light")
            .WithAccent("#e11d48")
            .Build();

        GoldenImage.Verify("logo-footer", CreateSut().Render(spec).Bytes);
    }

    [Fact]
    public void Render_SquareCard_MatchesGolden()
    {
        var spec = new CardSpecBuilder()
            .WithTitle("A square card has room for a longer title that wraps onto four or five lines without shrinking much")
            .WithCategory("square")
            .WithDescription("And a description under it.")
            .WithFooter("blog.example", "Ada", "2024-05-01")
            .WithSize(1080, 1080)
            .WithTheme("sunset")
            .Build();

        GoldenImage.Verify("square-1080", CreateSut().Render(spec).Bytes);
    }

    // Every template on every shape, at reduced sizes (the shape comes from the aspect; the composition scales with the card)
    // to keep the goldens small; the themes rotate so each appears with several templates.
    public static TheoryData<string, string, int, int, string> TemplateShapes()
    {
        var data = new TheoryData<string, string, int, int, string>();
        var themes = CardThemes.Names.ToArray();
        var t = 0;
        foreach (var template in CardTemplates.Names)
        {
            foreach (var (shape, width, height) in new[] { ("landscape", 600, 315), ("square", 540, 540), ("portrait", 540, 960) })
            {
                data.Add(template, shape, width, height, themes[t++ % themes.Length]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TemplateShapes))]
    public void Render_TemplateOnShape_MatchesGolden(string template, string shape, int width, int height, string theme)
    {
        var spec = new CardSpecBuilder()
            .WithTitle("Building a tiny static site generator in a weekend")
            .WithCategory("engineering")
            .WithDescription("Markdown in, HTML out, and a few opinions about templates.")
            .WithFooter("blog.example", "Ada Lovelace", "2024-05-01")
            .WithLogo(TestPictures.LogoDataUri())
            .WithBackground(template is "photo" or "split" ? TestPictures.PhotoDataUri() : null)
            .WithTemplate(template)
            .WithTheme(theme)
            .WithSize(width, height)
            .Build();

        GoldenImage.Verify($"template-{template}-{shape}", CreateSut().Render(spec).Bytes);
    }

    [Fact]
    public void Render_WideLogo_KeepsItsAspectWithNoGapBeforeTheSiteName()
    {
        var spec = new CardSpecBuilder()
            .WithTitle("A wordmark eight times as wide as it is tall")
            .WithCategory("logos")
            .WithLogo(TestPictures.WordmarkDataUri(SKColor.Parse("#38bdf8"), aspect: 8))
            .WithFooter("blog.example", "Ada Lovelace")
            .Build();

        GoldenImage.Verify("logo-wide", CreateSut().Render(spec).Bytes);
    }

    [Fact]
    public void Render_DarkLogoOnDarkTheme_GetsAPlate()
    {
        var spec = new CardSpecBuilder()
            .WithTitle("A dark wordmark on the dark theme stays visible")
            .WithCategory("logos")
            .WithLogo(TestPictures.WordmarkDataUri(SKColor.Parse("#111827")))
            .WithFooter("blog.example", "Ada Lovelace")
            .Build();

        GoldenImage.Verify("logo-dark-on-dark", CreateSut().Render(spec).Bytes);
    }

    [Fact]
    public void Render_RightToLeftCard_IsMirrored()
    {
        var spec = new CardSpecBuilder()
            .WithTitle("مرحبا بالعالم: مقدمة إلى React 18 في 2024")
            .WithCategory("هندسة")
            .WithDescription("دليل قصير لكتابة محرك عرض النصوص")
            .WithLogo(TestPictures.LogoDataUri())
            .WithFooter("blog.example", "Ada Lovelace", "2024-05-01")
            .Build();

        GoldenImage.Verify("rtl-mirrored", CreateSut().Render(spec).Bytes);
    }

    [Theory]
    [InlineData("thai", "วิศวกรรมซอฟต์แวร์", "สวัสดีชาวโลก นี่คือชื่อเรื่องภาษาไทย")]
    [InlineData("japanese", "技術ブログ", "こんにちは世界：テキスト描画の基本と改行の話")]
    public void Render_CategoryInAScriptWithoutCase_IsNeitherUpperCasedNorTracked(string script, string category, string title)
    {
        var spec = new CardSpecBuilder().WithTitle(title).WithCategory(category).WithFooter("blog.example").Build();

        GoldenImage.Verify($"category-{script}", CreateSut().Render(spec).Bytes);
    }

    [Fact]
    public void Render_KoreanTitle_KeepsWordsWhole()
    {
        var spec = new CardSpecBuilder()
            .WithTitle("안녕하세요 세계: 텍스트 렌더링 입문과 줄바꿈 규칙을 알아보는 가이드")
            .WithCategory("엔지니어링")
            .WithFooter("blog.example")
            .Build();

        GoldenImage.Verify("title-korean", CreateSut().Render(spec).Bytes);
    }

    [Fact]
    public void Compare_CardWithOneWordChanged_IsOutsideTheTolerance()
    {
        // The tolerance must still catch a real change, or every golden test above could never fail.
        var golden = File.ReadAllBytes(Path.Combine(SourceTree.GoldenFolder, "script-latin.png"));
        var spec = new CardSpecBuilder().WithTitle("Écrire un moteur de rendu: œuvre, façade & naïve").WithCategory("latin").WithFooter("blog.example").Build();

        Assert.NotNull(GoldenImage.Compare(golden, CreateSut().Render(spec).Bytes));
    }
}
