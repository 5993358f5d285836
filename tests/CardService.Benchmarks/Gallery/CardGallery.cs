using System.Globalization;
using System.Text;
using CardService.Core.Cards;
using CardService.Core.Fonts;
using CardService.Core.Tests.Support;
using SkiaSharp;

namespace CardService.Benchmarks.Gallery;

/// <summary>
/// <c>gallery DOCS_DIR</c>: renders every template × theme at 1200×630 and 1080×1080, each template on a tall card, and
/// one card per script into <c>DOCS_DIR/cards/</c>, and writes <c>DOCS_DIR/cards.md</c> showing them. WebP at the
/// service's own quality keeps the folder small (photo cards are ≈ 10× larger as PNG).
/// </summary>
internal static class CardGallery
{
    private const string Folder = "cards";

    private static readonly (string Script, string Category, string Title)[] Scripts =
    [
        ("Latin", "Ingénierie", "Écrire un moteur de rendu: œuvre, façade & naïveté"),
        ("Greek", "Μηχανική", "Καλημέρα κόσμε: μια σύντομη εισαγωγή"),
        ("Cyrillic", "Разработка", "Привет, мир! Как устроен рендеринг текста"),
        ("Arabic", "هندسة", "مرحبا بالعالم: مقدمة إلى React 18 في 2024"),
        ("Hebrew", "הנדסה", "שלום עולם: מדריך ל-TypeScript גרסה 5"),
        ("Devanagari", "इंजीनियरिंग", "नमस्ते दुनिया: क्षत्रिय और श्रद्धा"),
        ("Thai", "วิศวกรรม", "สวัสดีชาวโลก นี่คือชื่อเรื่องภาษาไทยที่ยาวพอที่จะตัดบรรทัด"),
        ("Chinese", "工程", "你好世界：文本渲染入门与换行规则的简单介绍"),
        ("Japanese", "技術", "こんにちは世界：テキスト描画の基本と改行の話"),
        ("Korean", "엔지니어링", "안녕하세요 세계: 텍스트 렌더링 입문과 줄바꿈 규칙을 알아보는 가이드"),
    ];

    public static int Run(string[] args)
    {
        // --png writes PNGs instead (larger; for viewers that do not show WebP).
        var format = args.Contains("--png") ? CardFormat.Png : CardFormat.Webp;
        var extension = format == CardFormat.Png ? "png" : "webp";
        args = [.. args.Where(a => a != "--png")];
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: gallery [--png] DOCS_DIR   (writes DOCS_DIR/cards.md and DOCS_DIR/cards/*.webp)");
            return 2;
        }

        var docs = Path.GetFullPath(args[0]);
        var folder = Path.Combine(docs, Folder);
        Directory.CreateDirectory(folder);
        foreach (var old in Directory.GetFiles(folder, "*." + extension))
        {
            File.Delete(old);
        }

        var renderer = new CardRenderer(new FontRegistry(new FontOptions()));
        var photo = TestPictures.PhotoDataUri();
        var logo = TestPictures.WordmarkDataUri(new SKColor(0x11, 0x18, 0x27));
        var page = new StringBuilder();
        page.AppendLine("# Card gallery")
            .AppendLine()
            .AppendLine("Every template with every theme, at 1200×630 (landscape) and 1080×1080 (square), then each template on a tall")
            .AppendLine("1080×1920 card and one card per script. Pick a template with `template=` (`/card`), `--template` (`cardservice card`)")
            .AppendLine("or `template:` in `cardservice.yml` or a post's `card:` map; a theme with `theme=`. The photo and split templates use")
            .AppendLine("the `background` image (split fills its panel with the accent colour when there is none). The logo here is a dark")
            .AppendLine("wordmark: on the dark and sunset themes it gets a light plate so it does not vanish.")
            .AppendLine()
            .AppendLine("Re-render with `dotnet run --project tests/CardService.Benchmarks -c Release -- gallery docs` (WebP, quality 85, as the")
            .AppendLine("service encodes `format=webp`).")
            .AppendLine();

        var bytes = 0L;
        string Write(string name, CardSpec spec)
        {
            var card = renderer.Render(spec with { Format = format });
            File.WriteAllBytes(Path.Combine(folder, $"{name}.{extension}"), card.Bytes.ToArray());
            bytes += card.Bytes.Length;
            return $"{Folder}/{name}.{extension}";
        }

        foreach (var (width, height) in new[] { (1200, 630), (1080, 1080) })
        {
            page.AppendLine(CultureInfo.InvariantCulture, $"## {width}×{height}").AppendLine();
            page.AppendLine("| template | " + string.Join(" | ", CardThemes.Names) + " |");
            page.AppendLine("| --- | " + string.Join(" | ", CardThemes.Names.Select(_ => "---")) + " |");
            foreach (var template in CardTemplates.Names)
            {
                var cells = CardThemes.Names.Select(theme =>
                {
                    var spec = Sample(template, theme, width, height, logo, template is "photo" or "split" ? photo : null);
                    return $"![{template} {theme}]({Write($"{template}-{theme}-{width}x{height}", spec)})";
                });
                page.AppendLine($"| **{template}** | " + string.Join(" | ", cells) + " |");
            }

            page.AppendLine();
        }

        page.AppendLine("## Tall (1080×1920)").AppendLine().AppendLine("| " + string.Join(" | ", CardTemplates.Names) + " |");
        page.AppendLine("| " + string.Join(" | ", CardTemplates.Names.Select(_ => "---")) + " |");
        page.AppendLine("| " + string.Join(" | ", CardTemplates.Names.Select(template =>
            $"![{template} tall]({Write($"{template}-dark-1080x1920", Sample(template, "dark", 1080, 1920, logo, template is "photo" or "split" ? photo : null))})")) + " |");
        page.AppendLine();

        page.AppendLine("## Scripts (classic, dark, 1200×630)").AppendLine();
        page.AppendLine("Categories are upper-cased and tracked only in scripts with case; CJK titles get looser lines, Thai and Devanagari")
            .AppendLine("room for their stacked marks; Korean titles break between words only; right-to-left cards are mirrored whole.")
            .AppendLine();
        page.AppendLine("| script | card |").AppendLine("| --- | --- |");
        foreach (var (script, category, title) in Scripts)
        {
            var spec = new CardSpec { Title = title, Category = category, SiteName = "blog.example", Author = "Ada Lovelace", Date = "2024-05-01", Logo = logo };
            page.AppendLine(CultureInfo.InvariantCulture, $"| {script} | ![{script}]({Write($"script-{script.ToLowerInvariant()}", spec)}) |");
        }

        File.WriteAllText(Path.Combine(docs, "cards.md"), page.ToString());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {Path.Combine(docs, "cards.md")} and {Directory.GetFiles(folder, "*." + extension).Length} cards ({bytes / 1024} KiB) in {folder}"));
        return 0;
    }

    private static CardSpec Sample(string template, string theme, int width, int height, string logo, string? background) => new()
    {
        Title = "Building a tiny static site generator in a weekend",
        Category = "Engineering",
        Description = "Markdown in, HTML out, and a few opinions about templates.",
        SiteName = "blog.example",
        Author = "Ada Lovelace",
        Date = "2024-05-01",
        Theme = theme,
        Template = template,
        Logo = logo,
        Background = background,
        Width = width,
        Height = height,
    };
}
