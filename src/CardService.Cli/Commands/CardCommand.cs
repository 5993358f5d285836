using System.CommandLine;
using System.Globalization;
using CardService.Core.Cards;
using CardService.Core.Fonts;

namespace CardService.Cli.Commands;

/// <summary>
/// <c>cardservice card</c>: renders one card to a file, with the same fields as the HTTP API's <c>/card</c>.
/// Exit codes: 0 written, 2 bad input (every problem printed as <c>error: field: message</c>), 1 the file could not be written.
/// </summary>
public static class CardCommand
{
    public const int BadInput = 2;
    public const int WriteFailed = 1;

    private static readonly Option<string> Title = new("--title") { Description = $"The post's title (required, at most {CardLimits.MaxTitleLength} characters)." };
    private static readonly Option<string> Category = new("--category") { Description = "A short label above the title." };
    private static readonly Option<string> Description = new("--description", "--subtitle") { Description = "A line under the title." };
    private static readonly Option<string> SiteName = new("--site-name", "--site") { Description = "The site's name in the footer." };
    private static readonly Option<string> Author = new("--author") { Description = "The author's name in the footer." };
    private static readonly Option<string> Date = new("--date") { Description = "The date in the footer, written as you want it shown." };
    private static readonly Option<string> Theme = new("--theme") { Description = $"One of: {string.Join(", ", CardThemes.Names)} (default {CardThemes.DefaultName})." };
    private static readonly Option<string> Accent = new("--accent") { Description = "Accent colour: #rgb or #rrggbb (the # may be left out)." };
    private static readonly Option<string> Logo = new("--logo") { Description = "A logo: an image file path or a data: URI." };
    private static readonly Option<string> Background = new("--background") { Description = "A background image: a file path or a data: URI." };
    private static readonly Option<string> Format = new("--format") { Description = "png, jpeg (jpg) or webp; default: from --out's extension, else png." };
    private static readonly Option<string> Size = new("--size") { Description = $"WIDTHxHEIGHT or a preset ({string.Join(", ", CardLimits.Presets.Keys)}); not with --width/--height." };
    private static readonly Option<string> Width = new("--width") { Description = $"Width in pixels ({CardLimits.MinSide}-{CardLimits.MaxSide}, default {CardLimits.DefaultWidth})." };
    private static readonly Option<string> Height = new("--height") { Description = $"Height in pixels ({CardLimits.MinSide}-{CardLimits.MaxSide}, default {CardLimits.DefaultHeight})." };
    private static readonly Option<string> Out = new("--out", "-o") { Description = "The image file to write (required).", HelpName = "FILE" };
    private static readonly Option<string> Fonts = new("--fonts") { Description = "A folder of fonts to use instead of the bundled ones.", HelpName = "DIR" };

    public static Command Create()
    {
        var command = new Command("card", "Render one social card image to a file.")
        {
            Title, Category, Description, SiteName, Author, Date, Theme, Accent, Logo, Background, Format, Size, Width, Height, Out, Fonts,
        };
        command.SetAction(result => Run(result, Console.Out, Console.Error));
        return command;
    }

    internal static int Run(ParseResult result, TextWriter stdout, TextWriter stderr)
    {
        var errors = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        var spec = BuildSpec(result, errors);
        var output = result.GetValue(Out);
        if (string.IsNullOrWhiteSpace(output))
        {
            errors["out"] = ["Say where to write the image with --out FILE."];
        }

        var fontOptions = new FontOptions();
        if (result.GetValue(Fonts) is { } fontsDir)
        {
            fontOptions.Directory = Path.GetFullPath(fontsDir);
            if (!Directory.Exists(fontOptions.Directory))
            {
                errors["fonts"] = [$"No such folder '{fontsDir}'."];
            }
        }

        if (spec is null || errors.Count > 0)
        {
            foreach (var (field, messages) in errors)
            {
                foreach (var message in messages)
                {
                    stderr.WriteLine($"error: {field}: {message}");
                }
            }

            return BadInput;
        }

        FontRegistry fonts;
        try
        {
            fonts = new FontRegistry(fontOptions);
        }
        catch (FileNotFoundException e)
        {
            stderr.WriteLine($"error: fonts: {e.Message}");
            return BadInput;
        }

        RenderedCard card;
        using (fonts)
        {
            card = new CardRenderer(fonts).Render(spec);
        }

        var path = Path.GetFullPath(output!);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, card.Bytes.ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: out: cannot write '{output}': {e.Message}");
            return WriteFailed;
        }

        var kb = Math.Max(1, (card.Bytes.Length + 512) / 1024);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {output} ({spec.Width}×{spec.Height}, {kb} KB)"));
        foreach (var codePoint in card.MissingCodePoints.Distinct())
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: no bundled font draws U+{codePoint:X4}"));
        }

        return 0;
    }

    private static CardSpec? BuildSpec(ParseResult result, SortedDictionary<string, string[]> errors)
    {
        var fields = new CardFields
        {
            Title = result.GetValue(Title),
            Category = result.GetValue(Category),
            Description = result.GetValue(Description),
            SiteName = result.GetValue(SiteName),
            Author = result.GetValue(Author),
            Date = result.GetValue(Date),
            Theme = result.GetValue(Theme),
            Accent = result.GetValue(Accent),
            Logo = ReadImage("logo", result.GetValue(Logo), errors),
            Background = ReadImage("background", result.GetValue(Background), errors),
            Format = result.GetValue(Format) ?? FormatFromExtension(result.GetValue(Out)),
            Size = result.GetValue(Size),
            Width = ParseSide("width", result.GetValue(Width), errors),
            Height = ParseSide("height", result.GetValue(Height), errors),
        };

        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var spec = CardSpecFactory.TryCreate(fields, problems);
        foreach (var (field, messages) in problems)
        {
            // The API's camelCase names become the option names a CLI user typed.
            var option = field == "siteName" ? "site-name" : field;
            errors[option] = errors.TryGetValue(option, out var earlier) ? [.. earlier, .. messages] : messages;
        }

        return errors.Count == 0 ? spec : null;
    }

    private static string FormatFromExtension(string? output) =>
        Path.GetExtension(output ?? string.Empty).TrimStart('.').ToLowerInvariant() switch
        {
            "jpg" or "jpeg" => "jpeg",
            "webp" => "webp",
            _ => "png",
        };

    private static int? ParseSide(string field, string? value, SortedDictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (CardSpecFactory.TryParseInt(value, out var side))
        {
            return side;
        }

        errors[field] = [$"'{value}' is not a whole number of pixels."];
        return null;
    }

    /// <summary>A data: URI as given, or an image file read into one.</summary>
    private static string? ReadImage(string field, string? value, SortedDictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value) || value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(value) ? null : value;
        }

        var mediaType = Path.GetExtension(value).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".webp" => "image/webp",
            ".gif" => "image/gif",
            _ => null,
        };
        if (mediaType is null)
        {
            errors[field] = [$"'{value}' is not a .png, .jpg, .webp or .gif file (or a data: URI)."];
            return null;
        }

        if (!File.Exists(value))
        {
            errors[field] = [$"No such file '{value}'."];
            return null;
        }

        return $"data:{mediaType};base64,{Convert.ToBase64String(File.ReadAllBytes(value))}";
    }
}
