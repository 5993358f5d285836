using System.Collections.Concurrent;
using CardService.Core.Cards;
using CardService.Core.Tests.Support;
using SkiaSharp;

namespace CardService.Core.Tests.Cards;

public class CardRendererTests
{
    private static CardRenderer CreateSut() => new(TestFonts.Registry);

    [Theory]
    [InlineData(1200, 630)]
    [InlineData(1200, 600)]
    [InlineData(1080, 1080)]
    [InlineData(200, 200)]
    [InlineData(2400, 2400)]
    [InlineData(777, 333)]
    [InlineData(201, 2399)]
    public void Render_Size_ProducesPngOfThatSize(int width, int height)
    {
        var sut = CreateSut();
        var spec = new CardSpecBuilder().WithCategory("notes").WithFooter("example.dev", "Ada", "2024-05-01").WithSize(width, height).Build();

        var card = sut.Render(spec);

        using var bitmap = Pixels.Decode(card.Bytes);
        Assert.Equal("image/png", card.ContentType);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
    }

    [Theory]
    [InlineData(1200, 630)]
    [InlineData(1080, 1080)]
    [InlineData(200, 200)]
    [InlineData(2400, 2400)]
    [InlineData(777, 333)]
    [InlineData(333, 777)]
    public void Render_LongTextAtAnySize_KeepsEveryGlyphInsideThePadding(int width, int height)
    {
        var sut = CreateSut();
        var spec = new CardSpecBuilder()
            .WithTitle("Supercalifragilisticexpialidocious WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW and a very long title that must clamp somewhere near the end")
            .WithCategory("an extremely long category label that will not fit on one line at all")
            .WithDescription("A description that is long enough to wrap onto more than one line, and then some more words to be sure.")
            .WithFooter("a-site-name-that-is-quite-long.example.com", "Someone With A Long Name", "2024-05-01")
            .WithTheme("light")
            .WithSize(width, height)
            .Build();

        var card = sut.Render(spec);

        using var bitmap = Pixels.Decode(card.Bytes);
        var s = Math.Min(width / 1200f, height / 630f);
        var inset = (int)Math.Floor(Math.Min(80 * s, 72 * s)) - 1; // a pixel of slack for anti-aliasing at the box's edge
        var white = SKColors.White;
        var outside = Pixels.In(bitmap, new SKRectI(0, 0, width, inset))
            .Concat(Pixels.In(bitmap, new SKRectI(0, height - inset, width, height)))
            .Concat(Pixels.In(bitmap, new SKRectI(0, 0, inset, height)))
            .Concat(Pixels.In(bitmap, new SKRectI(width - inset, 0, width, height)))
            .Where(p => p.Colour != white)
            .Take(5)
            .ToList();
        Assert.Empty(outside);
    }

    [Theory]
    [InlineData("dark")]
    [InlineData("light")]
    [InlineData("sunset")]
    public void Render_Theme_DrawsItsBackground(string name)
    {
        var sut = CreateSut();
        Assert.True(CardThemes.TryGet(name, out var theme));

        var card = sut.Render(new CardSpecBuilder().WithTheme(name).Build());

        using var bitmap = Pixels.Decode(card.Bytes);
        Assert.True(Pixels.Distance(theme.Background, bitmap.GetPixel(0, 0)) <= 2, $"top-left is {bitmap.GetPixel(0, 0)}");
        var end = theme.BackgroundEnd ?? theme.Background;
        Assert.True(Pixels.Distance(end, bitmap.GetPixel(1199, 629)) <= 2, $"bottom-right is {bitmap.GetPixel(1199, 629)}");
    }

    [Theory]
    [InlineData("dark", "#ff0000")]
    [InlineData("light", "00aa00")]
    [InlineData("sunset", "#00f")]
    public void Render_Accent_ColoursTheCategoryAndBar(string theme, string accent)
    {
        var sut = CreateSut();
        Assert.True(CardColors.TryParse(accent, out var colour));
        var spec = new CardSpecBuilder().WithTheme(theme).WithAccent(accent).WithCategory("MMMMMM").Build();

        var card = sut.Render(spec);

        using var bitmap = Pixels.Decode(card.Bytes);
        // The category sits in the top-left of the padding box (80, 72) and is 28 px bold; the bar is 48×6 at the bottom left.
        var category = Pixels.In(bitmap, new SKRectI(80, 72, 400, 72 + 34)).Count(p => Pixels.Distance(p.Colour, colour) <= 6);
        var bar = Pixels.In(bitmap, new SKRectI(80, 630 - 72 - 36, 128, 630 - 72)).Count(p => Pixels.Distance(p.Colour, colour) <= 6);
        Assert.True(category > 500, $"{category} category pixels in the accent colour");
        Assert.True(bar >= 48 * 5, $"{bar} bar pixels in the accent colour");
    }

    [Fact]
    public void Render_EmojiOnlyTitle_DrawsInColour()
    {
        var sut = CreateSut();

        var card = sut.Render(new CardSpecBuilder().WithTitle("🚀🎉🍕").WithTheme("dark").Build());

        using var bitmap = Pixels.Decode(card.Bytes);
        Assert.Empty(card.MissingCodePoints);
        Assert.True(Pixels.In(bitmap, new SKRectI(80, 150, 1120, 480)).Count(p => Pixels.IsColourful(p.Colour)) > 1000);
    }

    [Theory]
    [InlineData(0x1D11E, "Clef 𝄞 here")]
    [InlineData(0xE000, "Private \uE000 use")]
    public void Render_CodePointNoFontDraws_IsReportedMissing(int codePoint, string title)
    {
        var sut = CreateSut();

        var card = sut.Render(new CardSpecBuilder().WithTitle(title).Build());

        Assert.Equal([codePoint], card.MissingCodePoints.ToArray());
    }

    [Fact]
    public void Render_MissingInDescriptionAndFooter_IsReported()
    {
        var sut = CreateSut();
        var spec = new CardSpecBuilder().WithDescription("clef 𝄞").WithFooter("site \uE000", "author \uE001").WithCategory("cat \uE002").Build();

        var card = sut.Render(spec);

        Assert.Equal([0xE000, 0xE001, 0xE002, 0x1D11E], card.MissingCodePoints.Order().ToArray());
    }

    [Theory]
    [InlineData("Tab\tand\u00A0nbsp\u2003em space")]
    [InlineData("Joiner 👩\u200D💻 and heart ❤\uFE0F and text \u2764\uFE0E")]
    [InlineData("Marks e\u0301 a\u0308 and bidi \u200E\u200F\u2066x\u2069")]
    [InlineData("& < > \" ' ` © ™ € — – … « » „ “")]
    public void Render_WhitespaceJoinersSelectorsAndPunctuation_AreNotReported(string title)
    {
        var sut = CreateSut();

        var card = sut.Render(new CardSpecBuilder().WithTitle(title).Build());

        Assert.Empty(card.MissingCodePoints);
    }

    [Fact]
    public void Render_MarkupCharacters_AreDrawnAsText()
    {
        var sut = CreateSut();

        var markup = sut.Render(new CardSpecBuilder().WithTitle("<b>Tom & \"Jerry\"</b>").Build());
        var plain = sut.Render(new CardSpecBuilder().WithTitle("bTom  Jerryb").Build());

        Assert.Empty(markup.MissingCodePoints);
        Assert.False(markup.Bytes.Span.SequenceEqual(plain.Bytes.Span));
    }

    [Fact]
    public void Render_SameSpecTwice_GivesSameBytes()
    {
        var spec = new CardSpecBuilder().WithTitle("Déjà vu — שלום 123 🚀 日本語").WithTheme("sunset").Build();

        var first = CreateSut().Render(spec);
        var second = CreateSut().Render(spec);

        Assert.True(first.Bytes.Span.SequenceEqual(second.Bytes.Span));
        Assert.Equal(first.ETag, second.ETag);
    }

    [Fact]
    public void Render_SixtyFourCardsConcurrently_GivesTheSameBytesAsOneByOne()
    {
        var themes = new[] { "dark", "light", "sunset" };
        var titles = new[] { "Hello, world!", "مرحبا بالعالم 2024", "日本語のタイトル", "Ship it 🚀", "नमस्ते दुनिया", "สวัสดีชาวโลก", "Ελληνικά", "שלום עולם" };
        var specs = Enumerable.Range(0, 64)
            .Select(i => new CardSpecBuilder()
                .WithTitle($"{titles[i % titles.Length]} #{i}")
                .WithTheme(themes[i % themes.Length])
                .WithCategory(i % 2 == 0 ? "notes" : null)
                .WithSize(i % 4 == 0 ? 1080 : 1200, i % 4 == 0 ? 1080 : 630)
                .Build())
            .ToArray();
        var sequential = CreateSut();
        var expected = specs.Select(s => sequential.Render(s).Bytes.ToArray()).ToArray();

        var sut = CreateSut();
        var actual = new ConcurrentDictionary<int, byte[]>();
        Parallel.For(0, specs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = sut.Render(specs[i]).Bytes.ToArray());

        Assert.All(Enumerable.Range(0, specs.Length), i => Assert.True(expected[i].AsSpan().SequenceEqual(actual[i]), $"card {i} differs"));
    }

    [Fact]
    public void Render_LogoFromDataUri_DrawsIt()
    {
        var sut = CreateSut();
        var spec = new CardSpecBuilder().WithLogo(TestPictures.LogoDataUri()).WithFooter("example.dev").Build();

        var card = sut.Render(spec);

        using var bitmap = Pixels.Decode(card.Bytes);
        // The logo is 48×48 at the footer's left (80, 630 - 72 - 48): a red disc on white.
        var red = new SKColor(0xE1, 0x1D, 0x48);
        Assert.True(Pixels.Distance(bitmap.GetPixel(80 + 24, 630 - 72 - 24), red) <= 4);
        Assert.True(Pixels.Distance(bitmap.GetPixel(81, 630 - 72 - 47), SKColors.White) <= 8);
    }

    [Fact]
    public void Render_BackgroundFromDataUri_ShowsThroughTheScrim()
    {
        var sut = CreateSut();
        var plain = sut.Render(new CardSpecBuilder().WithTheme("dark").Build());

        var card = sut.Render(new CardSpecBuilder().WithTheme("dark").WithBackground(TestPictures.BackgroundDataUri()).Build());

        using var bitmap = Pixels.Decode(card.Bytes);
        using var without = Pixels.Decode(plain.Bytes);
        Assert.True(Pixels.Distance(bitmap.GetPixel(5, 5), without.GetPixel(5, 5)) > 8, $"corner {bitmap.GetPixel(5, 5)} vs {without.GetPixel(5, 5)}");
    }

    [Theory]
    [InlineData("classic", "dark")]
    [InlineData("photo", "sunset")]
    [InlineData("split", "light")]
    public void Render_BackgroundDrawnFromTheCoverCache_SameCardAsDecodedAgain(string template, string theme)
    {
        var cached = CreateSut();
        var uncached = new CardRenderer(TestFonts.Registry, new CardRenderingOptions { CoverCacheBytes = 0 });
        var spec = new CardSpecBuilder().WithTitle("Hero images, decoded once").WithTheme(theme).WithBackground(TestPictures.PhotoDataUri()).Build() with { Template = template };

        var first = cached.Render(spec);
        var again = cached.Render(spec with { Title = "Another post, the same hero image" });
        var fresh = uncached.Render(spec with { Title = "Another post, the same hero image" });

        Assert.Equal(fresh.Bytes.ToArray(), again.Bytes.ToArray());
        Assert.NotEqual(first.Bytes.ToArray(), again.Bytes.ToArray());
    }

    [Theory]
    [InlineData("classic", "light", 1200, 630)]
    [InlineData("centered", "dark", 1080, 1080)]
    [InlineData("split", "sunset", 630, 1200)]
    public void Render_OnPixelsKeptFromAnotherCard_SameCardAsOnFreshPixels(string template, string theme, int width, int height)
    {
        var pooled = CreateSut();
        var unpooled = new CardRenderer(TestFonts.Registry, new CardRenderingOptions { SurfacePoolBytes = 0 });
        var spec = new CardSpecBuilder().WithTitle("Drawn where another card was").WithTheme(theme).Build() with { Template = template, Width = width, Height = height };

        // A larger, different card first, so the kept pixels hold something else and are larger than this card needs.
        pooled.Render(new CardSpecBuilder().WithTitle("A big card before it").WithTheme("dark").Build() with { Width = 1920, Height = 1080 });
        var onKept = pooled.Render(spec);
        var onFresh = unpooled.Render(spec);

        Assert.Equal(onFresh.Bytes.ToArray(), onKept.Bytes.ToArray());
    }

    [Fact]
    public void Render_SameBackgroundUnderAnotherTheme_TakesThatThemesScrim()
    {
        var sut = CreateSut();
        var spec = new CardSpecBuilder().WithBackground(TestPictures.PhotoDataUri()).Build() with { Template = "photo" };

        using var dark = Pixels.Decode(sut.Render(spec with { Theme = "dark" }).Bytes);
        using var light = Pixels.Decode(sut.Render(spec with { Theme = "light" }).Bytes);

        // The cover is kept with the theme's scrim drawn over it, so a second theme must not get the first one's.
        Assert.True(Pixels.Distance(dark.GetPixel(5, 620), light.GetPixel(5, 620)) > 100, $"{dark.GetPixel(5, 620)} vs {light.GetPixel(5, 620)}");
    }

    [Fact]
    public void Render_UnknownTheme_Throws()
    {
        var sut = CreateSut();

        Assert.Throws<ArgumentException>(() => sut.Render(new CardSpecBuilder().WithTheme("neon").Build()));
    }

    [Fact]
    public void ETagFor_DifferentSpecs_Differ()
    {
        var a = CardRenderer.ETagFor(new CardSpecBuilder().WithTitle("a").Build());
        var b = CardRenderer.ETagFor(new CardSpecBuilder().WithTitle("b").Build());

        Assert.NotEqual(a, b);
        Assert.Matches("^\"[0-9a-f]{32}\"$", a);
    }

    [Fact]
    public void ETagFor_EveryPropertyOfTheSpec_ChangesTheTag()
    {
        // The tag is written field by field: a property added to CardSpec but not to ETagFor would serve stale cards.
        var baseline = new CardSpec { Title = "t" };
        var properties = typeof(CardSpec).GetProperties().Where(p => p.CanWrite).ToList();
        Assert.NotEmpty(properties);

        foreach (var property in properties)
        {
            var changed = baseline with { };
            object value = property.PropertyType switch
            {
                var t when t == typeof(string) => "changed",
                var t when t == typeof(int) => 777,
                var t when t == typeof(CardFormat) => CardFormat.Webp,
                var t => throw new InvalidOperationException($"Give the test a value for {property.Name} ({t})."),
            };
            property.SetValue(changed, value);

            Assert.NotEqual(CardRenderer.ETagFor(baseline), CardRenderer.ETagFor(changed));
        }
    }

    [Fact]
    public void ETagFor_FieldBoundaries_AreUnambiguous()
    {
        var a = CardRenderer.ETagFor(new CardSpec { Title = "ab", Category = "c" });
        var b = CardRenderer.ETagFor(new CardSpec { Title = "a", Category = "bc" });

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Render_EveryPostTitleInTheBlogCorpus_HasNoMissingGlyphAndNoEmptyLine()
    {
        var path = SourceTree.PostsTsv;
        Assert.True(File.Exists(path), $"The blog corpus is missing: looked for '{path}' (../shared/corpus/jekyll-blog/posts.tsv beside the folder holding CardService.sln).");
        var rows = File.ReadAllLines(path);
        var header = rows[0].Split('\t');
        var (title, category) = (Array.IndexOf(header, "title"), Array.IndexOf(header, "category"));
        var posts = rows.Skip(1).Where(r => r.Length > 0).Select(r => r.Split('\t')).Select(c => (Title: c[title], Category: c[category])).ToList();
        var sut = CreateSut();
        var layout = new CardLayout(TestFonts.Registry);

        var results = posts.Select(p =>
        {
            var spec = new CardSpecBuilder().WithTitle(p.Title).WithCategory(p.Category.Length == 0 ? null : p.Category).WithFooter("blog.example").Build();
            return (Post: p, Card: sut.Render(spec), Title: layout.Compose(spec, false, 1).Title.Block);
        }).ToList();

        Assert.Equal(85, posts.Count);
        Assert.All(results, r =>
        {
            Assert.True(r.Card.MissingCodePoints.IsEmpty, $"'{r.Post.Title}' misses {string.Join(", ", r.Card.MissingCodePoints.Select(c => $"U+{c:X4}"))}");
            Assert.All(r.Title.Lines, l => Assert.False(string.IsNullOrWhiteSpace(l.Text.TrimEnd('\u2026')), $"'{r.Post.Title}' has an empty line"));
            Assert.InRange(r.Title.Lines.Length, 1, 3);
        });
        // Recorded when these tests were written: at 1200×630 every title fits at 64 px; none shrinks, none is clamped.
        Assert.Equal((0, 0), (results.Count(r => r.Title.FontSize < 64 && !r.Title.Clamped), results.Count(r => r.Title.Clamped)));
    }

    [Theory]
    [InlineData("Latin", "Écrire un moteur de rendu: œuvre, façade & naïveté")]
    [InlineData("Greek", "Καλημέρα κόσμε: μια σύντομη εισαγωγή")]
    [InlineData("Cyrillic", "Привет, мир! Как устроен рендеринг текста")]
    [InlineData("Arabic", "مرحبا بالعالم: مقدمة إلى React 18 في 2024")]
    [InlineData("Hebrew", "שלום עולם: מדריך ל-TypeScript גרסה 5")]
    [InlineData("Devanagari", "नमस्ते दुनिया: क्षत्रिय और श्रद्धा")]
    [InlineData("Thai", "สวัสดีชาวโลกนี่คือชื่อเรื่องภาษาไทย")]
    [InlineData("Chinese", "你好世界：文本渲染入门")]
    [InlineData("Japanese", "こんにちは世界：テキスト描画の基本")]
    [InlineData("Korean", "안녕하세요 세계: 텍스트 렌더링 입문")]
    [InlineData("Emoji", "Ship it 🚀 👩‍👩‍👧‍👦 🇯🇵 ❤️ 1️⃣ 👍🏽")]
    public void Render_Script_HasNoMissingGlyph(string script, string title)
    {
        var sut = CreateSut();

        var card = sut.Render(new CardSpecBuilder().WithTitle(title).WithCategory(script).Build());

        Assert.Empty(card.MissingCodePoints);
    }
}
