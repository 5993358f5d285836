using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using CardService.Core.Cards;
using CardService.Core.Cards.FromPage;
using CardService.Core.Fetching;
using CardService.Core.Fonts;
using CardService.Core.Inspection;

namespace CardService.Cli.Commands;

/// <summary>
/// <c>cardservice card</c>: renders one card to a file, with the same fields as the HTTP API's <c>/card</c>.
/// Exit codes: 0 written, 2 bad input (every problem printed as <c>error: field: message</c>), 1 the file could not be written,
/// 3 the page (<c>--url</c>) or a remote logo/background could not be fetched or used, 70 a bug.
/// </summary>
public static class CardCommand
{
    public const int BadInput = 2;
    public const int WriteFailed = 1;
    public const int FetchFailed = 3;

    /// <summary>A bug stopped the tool (EX_SOFTWARE); the message is printed without a stack trace.</summary>
    public const int InternalError = 70;

    /// <summary>CIDR networks (comma-separated) the fetcher may reach although they are private: for local testing only.</summary>
    public const string AllowPrivateVariable = "CARDSERVICE_FETCH__ALLOWEDPRIVATENETWORKS";

    private static readonly Option<string> Title = new("--title") { Description = $"The post's title (required, at most {CardLimits.MaxTitleLength} characters)." };
    private static readonly Option<string> Category = new("--category") { Description = "A short label above the title." };
    private static readonly Option<string> Description = new("--description", "--subtitle") { Description = "A line under the title." };
    private static readonly Option<string> SiteName = new("--site-name", "--site") { Description = "The site's name in the footer." };
    private static readonly Option<string> Author = new("--author") { Description = "The author's name in the footer." };
    private static readonly Option<string> Date = new("--date") { Description = "The date in the footer, written as you want it shown." };
    private static readonly Option<string> Theme = new("--theme") { Description = $"One of: {string.Join(", ", CardThemes.Names)} (default {CardThemes.DefaultName})." };
    private static readonly Option<string> Template = new("--template") { Description = $"One of: {string.Join(", ", CardTemplates.Names)} (default {CardTemplates.DefaultName})." };
    private static readonly Option<string> Accent = new("--accent") { Description = "Accent colour: #rgb or #rrggbb (the # may be left out)." };
    private static readonly Option<string> Logo = new("--logo") { Description = "A logo: an image file path, a data: URI, an http(s) URL, or auto (the --url page's icon)." };
    private static readonly Option<string> Background = new("--background") { Description = "A background image: a file path, a data: URI or an http(s) URL." };
    private static readonly Option<string> Url = new("--url") { Description = "A post's URL: its page is fetched and read for every field not given.", HelpName = "URL" };
    private static readonly Option<string[]> AllowPrivate = new("--allow-private")
    {
        Description = $"CIDR networks that may be fetched although private (local testing only; also {AllowPrivateVariable}).",
        HelpName = "CIDR",
        Hidden = true,
        AllowMultipleArgumentsPerToken = false,
    };
    private static readonly Option<string> Format = new("--format") { Description = "png, jpeg (jpg) or webp; default: from --out's extension, else png." };
    private static readonly Option<string> Size = new("--size") { Description = $"WIDTHxHEIGHT or a preset ({string.Join(", ", CardLimits.Presets.Keys)}); not with --width/--height." };
    private static readonly Option<string> Width = new("--width") { Description = $"Width in pixels ({CardLimits.MinSide}-{CardLimits.MaxSide}, default {CardLimits.DefaultWidth})." };
    private static readonly Option<string> Height = new("--height") { Description = $"Height in pixels ({CardLimits.MinSide}-{CardLimits.MaxSide}, default {CardLimits.DefaultHeight})." };
    private static readonly Option<string> Out = new("--out", "-o") { Description = "The image file to write (required).", HelpName = "FILE" };
    private static readonly Option<string> Fonts = new("--fonts") { Description = "A folder of fonts to use instead of the bundled ones.", HelpName = "DIR" };
    private static readonly Option<string> TitleFont = new("--title-font") { Description = "A brand font (TTF, OTF or WOFF) for the title and category, in front of the bundled fonts.", HelpName = "FILE" };
    private static readonly Option<string> BodyFont = new("--body-font") { Description = "A brand font (TTF, OTF or WOFF) for the other text.", HelpName = "FILE" };

    public static Command Create()
    {
        var command = new Command("card", "Render one social card image to a file.")
        {
            Title, Category, Description, SiteName, Author, Date, Theme, Template, Accent, Logo, Background, Format, Size, Width, Height, Out, Fonts,
            TitleFont, BodyFont, Url, AllowPrivate,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result, Console.Out, Console.Error, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(ParseResult result, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var errors = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        var fields = BuildFields(result, errors);
        var checks = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CardSpecFactory.CheckRequest(fields, checks);
        AddErrors(errors, checks);
        var fetchOptions = BuildFetchOptions(result, errors);
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

        fontOptions.Title = BrandFontFile("title-font", result.GetValue(TitleFont), errors);
        fontOptions.Body = BrandFontFile("body-font", result.GetValue(BodyFont), errors);

        CardSpec? spec = null;
        var sources = ImmutableDictionary<string, string>.Empty;
        if (errors.Count == 0)
        {
            using var fetcher = new PageFetcher(fetchOptions);
            var resolver = new CardResolver(new PageLoader(fetcher), fetcher, new PageCardOptions());
            var resolution = await resolver.ResolveAsync(fields, cancellationToken);
            if (resolution.Problem is { Kind: not CardProblemKind.InvalidFields } problem)
            {
                stderr.WriteLine($"error: {OptionName(problem.Field)}: {problem.Detail}");
                return FetchFailed;
            }

            AddErrors(errors, resolution.Problem?.Errors);
            (spec, sources) = (resolution.Spec, resolution.Sources);
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
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
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
        foreach (var (field, source) in sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            stdout.WriteLine($"{OptionName(field)}: {source}");
        }

        foreach (var codePoint in card.MissingCodePoints)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: no bundled font draws U+{codePoint:X4}"));
        }

        return 0;
    }

    /// <summary>The brand font's full path once it is known to load; null, with the reason in <paramref name="errors"/>, when it does not.</summary>
    private static string? BrandFontFile(string option, string? path, SortedDictionary<string, string[]> errors)
    {
        if (path is null)
        {
            return null;
        }

        var (face, problem) = BrandFont.Open(Path.GetFullPath(path));
        face?.Dispose();
        if (problem is not null)
        {
            errors[option] = [problem];
            return null;
        }

        return Path.GetFullPath(path);
    }

    private static CardFields BuildFields(ParseResult result, SortedDictionary<string, string[]> errors) => new()
    {
        Title = result.GetValue(Title),
        Category = result.GetValue(Category),
        Description = result.GetValue(Description),
        SiteName = result.GetValue(SiteName),
        Author = result.GetValue(Author),
        Date = result.GetValue(Date),
        Theme = result.GetValue(Theme),
        Template = result.GetValue(Template),
        Accent = result.GetValue(Accent),
        Logo = ReadImage("logo", result.GetValue(Logo), errors),
        Background = ReadImage("background", result.GetValue(Background), errors),
        Format = result.GetValue(Format) ?? FormatFromExtension(result.GetValue(Out)),
        Size = result.GetValue(Size),
        Width = ParseSide("width", result.GetValue(Width), errors),
        Height = ParseSide("height", result.GetValue(Height), errors),
        Url = result.GetValue(Url),
    };

    // Default fetch limits; private networks only when the user names them (a local test server, say).
    private static FetchOptions BuildFetchOptions(ParseResult result, SortedDictionary<string, string[]> errors)
    {
        var (options, problems) = FetchOptionsFor(result.GetValue(AllowPrivate));
        if (!problems.IsEmpty)
        {
            errors["allow-private"] = [.. problems];
        }

        return options;
    }

    /// <summary>Default fetch limits with the private networks given, else those of <see cref="AllowPrivateVariable"/>; the defaults and the problems when they are invalid.</summary>
    internal static (FetchOptions Options, ImmutableArray<string> Problems) FetchOptionsFor(string[]? allowPrivate)
    {
        var networks = allowPrivate is { Length: > 0 } given
            ? given
            : (Environment.GetEnvironmentVariable(AllowPrivateVariable) ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var options = new FetchOptions { AllowedPrivateNetworks = networks };
        var problems = options.Validate();
        return problems.IsEmpty ? (options, []) : (new FetchOptions(), [.. problems]);
    }

    private static void AddErrors(SortedDictionary<string, string[]> errors, IReadOnlyDictionary<string, string[]>? problems)
    {
        foreach (var (field, messages) in problems ?? new Dictionary<string, string[]>())
        {
            var option = OptionName(field);
            errors[option] = errors.TryGetValue(option, out var earlier) ? [.. earlier, .. messages] : messages;
        }
    }

    // The API's camelCase names become the option names a CLI user typed.
    private static string OptionName(string field) => field == "siteName" ? "site-name" : field;

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

    /// <summary>A data: URI, an http(s) URL or auto as given (the resolver fetches them), or an image file read into a data: URI.</summary>
    internal static string? ReadImage(string field, string? value, SortedDictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || CardImages.IsRemote(value)
            || (field == "logo" && string.Equals(value, CardImages.Auto, StringComparison.OrdinalIgnoreCase)))
        {
            return value;
        }

        var mediaType = Path.GetExtension(value).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".webp" => "image/webp",
            ".gif" => "image/gif",
            _ => null,
        };
        if (Path.GetExtension(value).Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            errors[field] = [$"'{value}': {CardImages.SvgRefused}"];
            return null;
        }

        if (mediaType is null)
        {
            errors[field] = [$"'{value}' is not a .png, .jpg, .webp or .gif file (or a data: URI)."];
            return null;
        }

        var (bytes, problem) = LocalImageFile.Read(value);
        if (bytes is null)
        {
            errors[field] = [problem!];
            return null;
        }

        return $"data:{mediaType};base64,{Convert.ToBase64String(bytes)}";
    }
}
