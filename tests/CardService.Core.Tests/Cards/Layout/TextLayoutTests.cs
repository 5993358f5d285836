using CardService.Core.Cards.Layout;
using CardService.Core.Fonts;
using CardService.Core.Tests.Support;

namespace CardService.Core.Tests.Cards.Layout;

public class TextLayoutTests
{
    // The card title's style at 1200×630: 64 px shrinking to 44 px, three lines, a 1040 px box.
    private static readonly TextStyle Title = new(FontWeight.Bold, 64, 44, 3, 1040, 1.15f);

    private static TextLayout CreateSut() => new(TestFonts.Registry);

    [Fact]
    public void Layout_LongLatinTitle_WrapsOnWordBoundaries()
    {
        var sut = CreateSut();
        const string text = "How I replaced a fleet of cron jobs with one small queue and learned to love idempotency";

        var block = sut.Layout(text, Title);

        var words = text.Split(' ');
        Assert.True(block.Lines.Length > 1);
        Assert.Equal(words, block.Lines.SelectMany(l => l.Text.Split(' ')));
        Assert.All(block.Lines, l => Assert.True(l.Width <= Title.MaxWidth, $"'{l.Text}' is {l.Width} px"));
        Assert.False(block.Clamped);
    }

    [Fact]
    public void Layout_TooManyLinesAtMaxSize_ShrinksInTwoPixelStepsBeforeClamping()
    {
        var sut = CreateSut();
        // Four lines at 64 px, three at a smaller size.
        const string text = "Understanding the garbage collector: generations, pinning, large objects and what the server mode changes";

        var atMax = sut.Layout(text, Title with { MinSize = 64 });
        var block = sut.Layout(text, Title);

        Assert.True(atMax.Clamped, "the text must not fit at 64 px for this test to mean anything");
        Assert.False(block.Clamped);
        Assert.InRange(block.FontSize, 44, 62);
        Assert.Equal(0, (64 - block.FontSize) % 2);
        Assert.Equal(3, block.Lines.Length);
        Assert.Equal(text, string.Join(' ', block.Lines.Select(l => l.Text)));
        // The largest size that fits is chosen: two px larger takes four lines.
        Assert.True(sut.Layout(text, Title with { MinSize = block.FontSize + 2, MaxSize = block.FontSize + 2 }).Clamped);
    }

    [Fact]
    public void Layout_TooLongAtTheFloor_ClampsAt44PxWithAnEllipsis()
    {
        var sut = CreateSut();
        var text = string.Join(' ', Enumerable.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit.", 6));

        var block = sut.Layout(text, Title);

        Assert.True(block.Clamped);
        Assert.Equal(44, block.FontSize);
        Assert.Equal(3, block.Lines.Length);
        Assert.EndsWith("\u2026", block.Lines[^1].Text, StringComparison.Ordinal);
        Assert.True(block.Lines[^1].Text.Length > 1, "the clamped line is more than the ellipsis");
        Assert.All(block.Lines, l => Assert.True(l.Width <= Title.MaxWidth, $"'{l.Text}' is {l.Width} px"));
        Assert.StartsWith(string.Concat(block.Lines.Select(l => l.Text + " "))[..^2].TrimEnd(), text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("e\u0301")] // e + combining acute
    [InlineData("👩\u200D👩\u200D👧\u200D👦")] // a ZWJ family
    [InlineData("क्ष")] // a Devanagari conjunct
    [InlineData("🇯🇵")] // a flag: two regional indicators
    public void Layout_ClampInsideARunOfGraphemes_CutsAtAGraphemeBoundary(string grapheme)
    {
        var sut = CreateSut();
        var text = string.Concat(Enumerable.Repeat(grapheme, 120));

        var block = sut.Layout(text, Title);

        Assert.True(block.Clamped);
        Assert.All(block.Lines, l =>
        {
            var body = l.Text.TrimEnd('\u2026');
            Assert.True(body.Length > 0 && body.Length % grapheme.Length == 0, $"'{body}' ({body.Length} UTF-16 units) is not whole graphemes");
            Assert.Equal(string.Concat(Enumerable.Repeat(grapheme, body.Length / grapheme.Length)), body);
            Assert.True(l.Width <= Title.MaxWidth);
        });
    }

    [Fact]
    public void Layout_CjkTitle_WrapsBetweenCharactersAndFillsTheLine()
    {
        var sut = CreateSut();
        const string text = "这是一个很长的中文标题用于测试换行是否在汉字之间发生而不是在其他地方";

        var block = sut.Layout(text, Title);

        Assert.Equal(text, string.Concat(block.Lines.Select(l => l.Text)));
        Assert.True(block.Lines.Length > 1);
        // Han characters are one em wide: a line that breaks between characters leaves less than one em free.
        Assert.True(Title.MaxWidth - block.Lines[0].Width < block.FontSize, $"first line {block.Lines[0].Width} px at {block.FontSize} px");
    }

    [Fact]
    public void Layout_ThaiWithoutSpaces_WrapsAtDictionaryWords()
    {
        var sut = CreateSut();
        string[] words = ["สวัสดี", "ชาว", "โลก", "นี่", "คือ", "ชื่อ", "เรื่อง", "ภาษา", "ไทย", "ที่", "ยาว", "มาก", "สำหรับ", "การ", "ทดสอบ", "การ", "ตัด", "คำ", "ใน", "บรรทัด"];
        var text = string.Concat(words);
        var wordEnds = words.Select((w, i) => words.Take(i + 1).Sum(x => x.Length)).ToHashSet();

        var block = sut.Layout(text, Title);

        Assert.True(block.Lines.Length > 1);
        Assert.Equal(text, string.Concat(block.Lines.Select(l => l.Text)));
        var end = 0;
        foreach (var line in block.Lines)
        {
            end += line.Text.Length;
            Assert.Contains(end, wordEnds);
        }
    }

    [Fact]
    public void Layout_ArabicWithEnglishAndDigits_OrdersRunsRightToLeft()
    {
        var sut = CreateSut();
        const string text = "مرحبا بالعالم English 2024 كلمة";

        var block = sut.Layout(text, Title);

        Assert.True(block.IsRightToLeft);
        var line = Assert.Single(block.Lines);
        var arabic = TestFonts.Registry.FindText('م', FontWeight.Bold, CjkVariant.Japanese);
        var faces = line.Runs.Where(r => r.Glyphs.Length > 1).Select(r => r.Face == arabic ? "ar" : "latin").ToArray();
        // Visual order, left to right: the last Arabic word, the English word with its number, the first two Arabic words.
        Assert.Equal(["ar", "latin", "ar"], faces);
        var latin = line.Runs.Single(r => r.Face != arabic && r.Glyphs.Length > 1);
        Assert.Equal(GlyphsOf("English 2024"), latin.Glyphs);
        Assert.True(line.Runs.Last().Glyphs.Length == 14, "the first two Arabic words (and the space between them) come last, at the right");
        AssertPositionsIncrease(line);
    }

    [Fact]
    public void Layout_HebrewWithDigits_KeepsTheNumberLeftToRight()
    {
        var sut = CreateSut();
        const string text = "גרסה 2024 חדשה";

        var block = sut.Layout(text, Title);

        Assert.True(block.IsRightToLeft);
        var line = Assert.Single(block.Lines);
        var digits = line.Runs.Single(r => r.Face == TestFonts.Registry.Primary(FontWeight.Bold) && r.Glyphs.Length == 4);
        Assert.Equal(GlyphsOf("2024"), digits.Glyphs);
        var index = line.Runs.IndexOf(digits);
        Assert.True(index > 0 && index < line.Runs.Length - 1, "the number sits between the two Hebrew words");
        AssertPositionsIncrease(line);
    }

    [Fact]
    public void Layout_LatinTitleWithAHebrewWord_StaysLeftToRight()
    {
        var sut = CreateSut();

        var block = sut.Layout("Hello שלום world", Title);

        Assert.False(block.IsRightToLeft);
    }

    [Theory]
    [InlineData(1040)]
    [InlineData(700)]
    [InlineData(520)]
    [InlineData(400)]
    [InlineData(350)]
    public void Layout_EmojiGluedToAWord_NeverStartsALine(float width)
    {
        var sut = CreateSut();
        // Every glued word fits the narrowest box here: one that does not is cut between graphemes like any over-long word.
        const string text = "Ship it🚀 then we go🚀🚀 fast and far🎉 and 🍕 done at last✨ yes indeed all🎉🎉🎉";

        var block = sut.Layout(text, Title with { MaxWidth = width, MaxLines = 20 });

        Assert.False(block.Clamped);
        var cursor = 0;
        foreach (var line in block.Lines)
        {
            var start = text.IndexOf(line.Text, cursor, StringComparison.Ordinal);
            Assert.True(start >= 0, $"'{line.Text}' is not the next part of the text");
            if (start > 0 && Emoji.StartsAt(text, start))
            {
                Assert.True(char.IsWhiteSpace(text[start - 1]), $"'{line.Text}' starts with an emoji glued to the word before it");
            }

            cursor = start + line.Text.Length;
        }
    }

    [Fact]
    public void Layout_BlankText_IsEmpty()
    {
        var sut = CreateSut();

        Assert.Empty(sut.Layout("   ", Title).Lines);
    }

    [Fact]
    public void Layout_LetterSpacing_WidensTheLineByOneStepPerCluster()
    {
        var sut = CreateSut();
        var style = Title with { MaxSize = 28, MinSize = 28, MaxLines = 1 };

        var plain = sut.Layout("CATEGORY", style);
        var spaced = sut.Layout("CATEGORY", style with { LetterSpacing = 4 });

        Assert.Equal(plain.Width + 8 * 4, spaced.Width, 2);
    }

    private static ushort[] GlyphsOf(string text)
    {
        var face = TestFonts.Registry.Primary(FontWeight.Bold);
        return [.. text.Select(c => face.Shaper.TryGetGlyph(c, out var g) ? (ushort)g : (ushort)0)];
    }

    private static void AssertPositionsIncrease(TextLine line)
    {
        var starts = line.Runs.Select(r => r.Positions[0].X).ToArray();
        Assert.Equal(starts.Order(), starts);
        Assert.True(line.Width > 0);
        Assert.Equal(0, starts[0], 0.5);
    }
}
