using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using CardService.Cli.Diagnostics;
using CardService.Cli.SiteCards;
using CardService.Core.Cards;
using Spectre.Console;

namespace CardService.Cli.Commands;

/// <summary>
/// <c>cardservice cards &lt;site-root&gt;</c>: the card of every post of a Jekyll, Hugo or Eleventy site, in one process.
/// A thin shell over <see cref="SiteCardMaker"/>: options in, report out.
/// </summary>
public static class CardsCommand
{
    public const int Failed = 1;
    public const int Interrupted = 130;

    private static readonly Argument<string> SiteRoot = new("site-root") { Description = "The site's root folder (default: the current folder).", DefaultValueFactory = _ => "." };
    private static readonly Option<string> Out = new("--out", "-o") { Description = $"Card path for posts without image:, under the web root; {{date}} {{slug}} {{year}}; the extension picks png/jpg/webp (default {SiteCardOptions.DefaultOut}).", HelpName = "TEMPLATE" };
    private static readonly Option<string[]> Globs = new("--glob") { Description = "Which files are posts, relative to the root (default: the generator's; repeatable), e.g. 'posts/**/*.{md,markdown}'.", HelpName = "PATTERN" };
    private static readonly Option<string> Theme = new("--theme") { Description = "Card theme (dark, light, sunset); a post's card: {theme: …} overrides it." };
    private static readonly Option<string> Template = new("--template") { Description = $"Card template ({string.Join(", ", CardTemplates.Names)}); a post's card: {{template: …}} overrides it." };
    private static readonly Option<string> Accent = new("--accent") { Description = "Accent colour: #rgb or #rrggbb." };
    private static readonly Option<string> Logo = new("--logo") { Description = "A logo image file or data: URI." };
    private static readonly Option<string> Background = new("--background") { Description = "A background image file or data: URI." };
    private static readonly Option<string> Size = new("--size") { Description = "WIDTHxHEIGHT or a preset (default 1200x630)." };
    private static readonly Option<string> DateFormat = new("--date-format") { Description = $"How the footer writes the date (.NET format; default '{SiteCardOptions.DefaultDateFormat}')." };
    private static readonly Option<bool> Force = new("--force") { Description = "Make every card again, even unchanged ones." };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Say what would be made; write nothing." };
    private static readonly Option<bool> WriteFrontMatter = new("--write-front-matter") { Description = "Add image: and image_alt: to posts that name no image (no other byte changes)." };
    private static readonly Option<string> Format = new("--format") { Description = "Report as text (default) or json.", DefaultValueFactory = _ => "text" };
    private static readonly Option<string> FailOn = new("--fail-on") { Description = "Exit 1 on error (default) or also on warning (missing glyphs, titles made from file names).", DefaultValueFactory = _ => "error" };
    private static readonly Option<int> Jobs = new("--jobs", "-j") { Description = "Cards rendered at once (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
    private static readonly Option<string> Fonts = new("--fonts") { Description = "A folder of fonts to use instead of the bundled ones.", HelpName = "DIR" };
    private static readonly Option<string> TitleFont = new("--title-font") { Description = "A brand font (TTF, OTF or WOFF) for titles, in front of the bundled fonts (or title_font: in cardservice.yml).", HelpName = "FILE" };
    private static readonly Option<string> BodyFont = new("--body-font") { Description = "A brand font (TTF, OTF or WOFF) for the other text (or body_font: in cardservice.yml).", HelpName = "FILE" };

    public static Command Create()
    {
        var command = new Command("cards",
            "Make the card of every post of a Jekyll, Hugo or Eleventy site (settings also from the site's cardservice.yml). "
            + "Exit codes: 0 ok, 1 a post failed (or a warning with --fail-on warning), 2 usage or configuration error, 130 interrupted.")
        {
            SiteRoot, Out, Globs, Theme, Template, Accent, Logo, Background, Size, DateFormat, Force, DryRun, WriteFrontMatter, Format, FailOn, Jobs, Fonts,
            TitleFont, BodyFont,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result, Console.Out, Console.Error, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(ParseResult result, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var format = result.GetValue(Format);
        var failOn = result.GetValue(FailOn);
        var usage = new List<string>();
        if (format is not ("text" or "json"))
        {
            usage.Add($"error: format: '{format}' is not text or json (the image format comes from the card path's extension).");
        }

        if (failOn is not ("error" or "warning"))
        {
            usage.Add($"error: fail-on: '{failOn}' is not error or warning.");
        }

        if (result.GetValue(Jobs) < 1)
        {
            usage.Add("error: jobs: give at least 1.");
        }

        if (usage.Count > 0)
        {
            usage.ForEach(stderr.WriteLine);
            return CardCommand.BadInput;
        }

        var rootArgument = result.GetValue(SiteRoot)!;
        var options = new SiteCardOptions
        {
            SiteRoot = rootArgument,
            Out = result.GetValue(Out),
            Globs = result.GetValue(Globs) ?? [],
            Look = new CardLook(result.GetValue(Theme), result.GetValue(Accent), FullPath(result.GetValue(Logo)), FullPath(result.GetValue(Background)), result.GetValue(Size), result.GetValue(Template)),
            DateFormat = result.GetValue(DateFormat),
            Force = result.GetValue(Force),
            DryRun = result.GetValue(DryRun),
            WriteFrontMatter = result.GetValue(WriteFrontMatter),
            Jobs = result.GetValue(Jobs),
            FontsDirectory = result.GetValue(Fonts) is { } fonts ? Path.GetFullPath(fonts) : null,
            TitleFont = FullPath(result.GetValue(TitleFont)),
            BodyFont = FullPath(result.GetValue(BodyFont)),
        };

        // Ctrl-C (and CI's SIGTERM) stop the run between cards instead of killing it mid-write.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        cancellationToken = stop.Token;
        var maker = new SiteCardMaker(options);
        var json = format == "json";
        SiteCardReport report;
        if (!json && IsInteractive())
        {
            report = await AnsiConsole.Progress().AutoClear(true).StartAsync(context =>
                maker.MakeAsync(new ProgressBar(context.AddTask("cards")), cancellationToken));
        }
        else
        {
            report = await maker.MakeAsync(json ? null : new PlainLines(stdout), cancellationToken);
        }

        var shown = rootArgument is "." or "./" ? string.Empty : rootArgument.TrimEnd('/') + "/";
        if (json)
        {
            WriteJson(stdout, report, rootArgument, shown);
        }
        else
        {
            WriteText(stdout, stderr, report, rootArgument, shown);
        }

        RunTrace.Mark("report written");

        return report switch
        {
            { ConfigurationError: true } => CardCommand.BadInput,
            { Interrupted: true } => Interrupted,
            { Failed: > 0 } => Failed,
            { HasWarnings: true } when failOn == "warning" => Failed,
            _ => 0,
        };

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    // A progress bar only for a person at a terminal; CI logs get one plain line per card.
    private static bool IsInteractive() =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && AnsiConsole.Profile.Capabilities.Interactive;

    private static string? FullPath(string? file) =>
        file is null || file.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || file.Contains("://", StringComparison.Ordinal) ? file : Path.GetFullPath(file);

    // A problem about the site as a whole names the root as the user typed it; others the file under it.
    private static string ShownPath(string file, string rootShown, string shown) => file.Length == 0 ? rootShown : shown + file;

    private static void WriteText(TextWriter stdout, TextWriter stderr, SiteCardReport report, string rootArgument, string shown)
    {
        foreach (var problem in report.Problems)
        {
            stderr.WriteLine(problem with { File = ShownPath(problem.File, rootShown: rootArgument, shown) });
        }

        foreach (var post in report.FrontMatterWritten)
        {
            stdout.WriteLine($"front matter: added image: to {shown}{post}");
        }

        if (report.ConfigurationError)
        {
            return;
        }

        var dryRun = report.WouldMake > 0 ? $", {report.WouldMake} would be made (dry run)" : string.Empty;
        var interrupted = report.Interrupted ? "; interrupted" : string.Empty;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cards: {report.Made} made{dryRun}, {report.Unchanged} unchanged, {report.Kept} kept, {report.Unpublished} unpublished, {report.OptedOut} opted out, {report.Failed} failed, {report.MissingGlyphs} with missing glyphs ({report.Posts} posts){interrupted}"));
    }

    private static void WriteJson(TextWriter stdout, SiteCardReport report, string rootArgument, string shown)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("generator", report.Generator?.ToString().ToLowerInvariant());
            json.WriteNumber("posts", report.Posts);
            json.WriteNumber("made", report.Made);
            json.WriteNumber("wouldMake", report.WouldMake);
            json.WriteNumber("unchanged", report.Unchanged);
            json.WriteNumber("kept", report.Kept);
            json.WriteNumber("unpublished", report.Unpublished);
            json.WriteNumber("optedOut", report.OptedOut);
            json.WriteNumber("failed", report.Failed);
            json.WriteNumber("missingGlyphs", report.MissingGlyphs);
            json.WriteBoolean("configurationError", report.ConfigurationError);
            json.WriteBoolean("interrupted", report.Interrupted);
            json.WriteStartArray("cards");
            foreach (var card in report.Cards)
            {
                json.WriteStartObject();
                json.WriteString("path", card.Path);
                json.WriteString("status", JsonNamingPolicy.CamelCase.ConvertName(card.Status.ToString()));
                json.WriteStartArray("posts");
                foreach (var post in card.Posts)
                {
                    json.WriteStringValue(post);
                }

                json.WriteEndArray();
                json.WriteStartArray("missingCodePoints");
                foreach (var codePoint in card.MissingCodePoints.IsDefault ? [] : card.MissingCodePoints)
                {
                    json.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"U+{codePoint:X4}"));
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("problems");
            foreach (var problem in report.Problems)
            {
                json.WriteStartObject();
                json.WriteString("file", ShownPath(problem.File, rootShown: rootArgument, shown));
                json.WriteNumber("line", problem.Line);
                json.WriteString("level", problem.Level == ProblemLevel.Error ? "error" : "warning");
                json.WriteString("message", problem.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("frontMatterWritten");
            foreach (var post in report.FrontMatterWritten)
            {
                json.WriteStringValue(shown + post);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private sealed class PlainLines(TextWriter stdout) : ISiteCardProgress
    {
        public void Planned(int cardsToMake) => stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cards to make: {cardsToMake}"));

        public void Done(CardOutcome outcome) => stdout.WriteLine($"{Verb(outcome.Status)} {outcome.Path} ({string.Join(", ", outcome.Posts)})");

        private static string Verb(CardStatus status) => status switch
        {
            CardStatus.Made => "made",
            CardStatus.WouldMake => "would make",
            _ => "failed",
        };
    }

    private sealed class ProgressBar(ProgressTask task) : ISiteCardProgress
    {
        public void Planned(int cardsToMake) => task.MaxValue = Math.Max(1, cardsToMake);

        public void Done(CardOutcome outcome) => task.Increment(1);
    }
}
