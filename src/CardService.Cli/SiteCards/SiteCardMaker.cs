using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using CardService.Cli.Commands;
using CardService.Cli.Diagnostics;
using CardService.Core.Cards;
using CardService.Core.Fonts;

namespace CardService.Cli.SiteCards;

/// <summary>
/// Makes the card of every post of a site in one process: reads the posts, decides each card's file, skips the cards
/// the manifest says are current, renders the rest on every core and writes each one atomically. What
/// <c>cardservice cards</c> runs; callable as a library too.
/// </summary>
public sealed class SiteCardMaker(SiteCardOptions options)
{
    // Saving the manifest every few cards bounds what a crash costs (those cards are made again) without a write per card.
    private const int SaveEvery = 8;

    private readonly SiteCardOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>One card file to make and the posts that name it.</summary>
    private sealed record CardJob(string Name, string File, string WebPath, ImmutableArray<Post> Posts, CardSpec Spec, string Key, bool Shared);

    /// <summary>One post file read: the post, or why it was skipped or could not be read, and its bytes.</summary>
    private sealed record PostRead(Post? Post, PostSkip Skip, CardProblem? Problem, byte[] Bytes);

    /// <summary>One card made (or failed), with the warning or error it gave.</summary>
    private sealed record MadeCard(CardOutcome Outcome, CardProblem? Problem);

    /// <summary>Where one post's card goes and what it shows, before posts naming the same file are grouped.</summary>
    private sealed record CardTarget(Post Post, string WebPath, string File, bool Named, CardSpec Spec);

    /// <summary>Per-card costs summed over all threads, for <see cref="RunTrace"/>.</summary>
    private sealed class CardCosts
    {
        public long Render;
        public long Write;
        public long Record;
        public int FirstCardMarked;
        public readonly ConcurrentDictionary<int, int> Threads = new();
    }

    public async Task<SiteCardReport> MakeAsync(ISiteCardProgress? progress = null, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(_options.SiteRoot);
        // A run that will make cards (no manifest yet, or --force) opens the fonts and draws a first card on another core
        // while this one reads the site: the first card's one-off costs (font files, native code, JIT) leave the critical path.
        var warmRenderer = !_options.DryRun && (_options.Force || !File.Exists(Path.Combine(root, CardManifest.RelativePath)))
            ? Task.Run(WarmRenderer, CancellationToken.None)
            : null;
        try
        {
            return await MakeAsync(root, warmRenderer, progress, cancellationToken);
        }
        finally
        {
            if (warmRenderer is not null)
            {
                (await warmRenderer).Fonts.Dispose();
            }
        }
    }

    private sealed record WarmedRenderer(FontRegistry Fonts, CardRenderer Renderer);

    private WarmedRenderer WarmRenderer()
    {
        var fonts = new FontRegistry(new FontOptions { Directory = _options.FontsDirectory ?? new FontOptions().Directory });
        var renderer = new CardRenderer(fonts);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (CardSpecFactory.TryCreate(WarmUpFields, errors) is { } spec)
        {
            renderer.Render(spec);
        }

        RunTrace.Mark("renderer warmed up (another thread)");
        return new WarmedRenderer(fonts, renderer);
    }

    // Every part a post's card draws (category, a title long enough to wrap, description, footer), so their code is ready.
    private static readonly CardFields WarmUpFields = new()
    {
        Title = "Warming up the renderer: a title long enough to wrap onto a second line of the card",
        Category = "Notes",
        Description = "A description, drawn under the title.",
        SiteName = "example.com",
        Author = "Author",
        Date = "Jan 11, 2022",
    };

    private async Task<SiteCardReport> MakeAsync(string root, Task<WarmedRenderer>? warmRenderer, ISiteCardProgress? progress, CancellationToken cancellationToken)
    {
        var configProblems = new List<CardProblem>();
        var settings = ReadSettings(root, configProblems);
        var (site, siteProblems) = SiteReader.Read(root, _options.Globs.Count > 0 ? _options.Globs : settings.Globs);
        configProblems.AddRange(siteProblems);
        if (site is null || configProblems.Count > 0)
        {
            return SiteCardReport.Unusable([.. configProblems]);
        }

        var images = new ImageFiles(site);
        var fonts = new FontFiles(_options.FontsDirectory ?? new FontOptions().Directory, _options.TitleFont ?? settings.TitleFont, _options.BodyFont ?? settings.BodyFont);
        CheckBrandFonts(settings, configProblems);
        var look = _options.Look.Over(settings.Look);
        var template = _options.Out ?? settings.Out ?? SiteCardOptions.DefaultOut;
        var dateFormat = _options.DateFormat ?? settings.DateFormat ?? SiteCardOptions.DefaultDateFormat;
        CheckSettings(look, template, dateFormat, images, configProblems);
        if (configProblems.Count > 0)
        {
            return SiteCardReport.Unusable([.. configProblems]);
        }

        RunTrace.Mark("settings and site read");

        var problems = new List<CardProblem>();
        var files = Glob.Find(root, site.Posts, Site.SkippedFolders.ToHashSet(StringComparer.Ordinal)).Where(f => !site.IsListPage(f)).ToList();
        RunTrace.Mark($"{files.Count} post files found");
        // Posts are read on every core too: on a re-run with nothing to make, reading them is most of the work. Plain
        // Parallel.For and records (no async lambdas, no value tuples in LINQ): those generic instantiations are not in
        // the ReadyToRun image, and JIT-compiling them cost a no-change run more CPU than the reading (docs/PERFORMANCE.md).
        var read = new PostRead[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Jobs), CancellationToken = cancellationToken }, i =>
        {
            var bytes = File.ReadAllBytes(Path.Combine(root, files[i]));
            var (post, skip, problem) = PostReader.Read(site, files[i], bytes, dateFormat);
            read[i] = new PostRead(post, skip, problem, bytes);
        });
        var posts = read.Where(r => r.Post is not null).ToList();
        var unpublished = read.Count(r => r.Skip == PostSkip.Unpublished);
        var optedOut = read.Count(r => r.Skip == PostSkip.OptedOut);
        problems.AddRange(read.Where(r => r.Problem is not null).Select(r => r.Problem!));
        RunTrace.Mark("posts read (front matter parsed)");

        var manifest = CardManifest.Load(root);
        var fingerprint = manifest.FontsFingerprint(fonts, FontsFingerprint);
        RunTrace.Mark($"manifest loaded, fonts fingerprinted ({(manifest.FontsChanged ? "computed" : "reused")})");
        var outcomes = new List<CardOutcome>();
        var jobs = Plan(site, posts.Select(p => p.Post!).ToList(), look, template, images, fingerprint, problems, outcomes);
        var toMake = new List<CardJob>();
        foreach (var job in jobs)
        {
            if (job.Shared && File.Exists(job.File) && !manifest.IsUntouched(job.Name, job.File))
            {
                // A shared image someone made (a site-wide default): never overwritten.
                outcomes.Add(new CardOutcome(job.Name, [.. job.Posts.Select(p => p.File)], CardStatus.Kept, []));
            }
            else if (!_options.Force && manifest.IsCurrent(job.Name, job.File, job.Key))
            {
                outcomes.Add(new CardOutcome(job.Name, [.. job.Posts.Select(p => p.File)], CardStatus.Unchanged, []));
            }
            else
            {
                toMake.Add(job);
            }
        }

        RunTrace.Mark($"planned: {jobs.Count} cards, {toMake.Count} to make");
        progress?.Planned(toMake.Count);
        var interrupted = _options.DryRun
            ? MarkDryRun(toMake, outcomes, progress)
            : await RenderAsync(toMake, warmRenderer, fonts, manifest, outcomes, problems, progress, cancellationToken);

        if (!_options.DryRun && toMake.Count == 0 && manifest.FontsChanged)
        {
            // A fresh tool install (new font file times) need not read the fonts again on the next run.
            manifest.Save();
        }

        var written = ImmutableArray<string>.Empty;
        if (_options.WriteFrontMatter && !_options.DryRun && !interrupted)
        {
            written = WriteFrontMatter(site, jobs, outcomes, posts.ToDictionary(p => p.Post!.File, p => p.Bytes, StringComparer.Ordinal), problems);
        }

        outcomes.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        RunTrace.Mark("done");
        return new SiteCardReport(site.Generator, files.Count, unpublished, [.. outcomes], [.. problems], written, ConfigurationError: false, interrupted) { OptedOut = optedOut };
    }

    private static List<CardJob> Plan(Site site, List<Post> posts, CardLook look, string template, ImageFiles images, string fingerprint, List<CardProblem> problems, List<CardOutcome> outcomes)
    {
        var targets = new List<CardTarget>();
        foreach (var post in posts)
        {
            if (post.Image is { } named && IsElsewhere(named))
            {
                outcomes.Add(new CardOutcome(named, [post.File], CardStatus.Kept, []));
                continue;
            }

            string? placeholderProblem = null;
            var webPath = post.Image ?? Expand(template, post, out placeholderProblem);
            if (webPath is null)
            {
                problems.Add(CardProblem.Error(post.File, 1, placeholderProblem!));
                continue;
            }

            if (site.FileFor(webPath) is not { } file)
            {
                problems.Add(CardProblem.Error(post.File, 1, $"The card path '{webPath}' leaves the site root; refused."));
                continue;
            }

            var spec = SpecFor(post.Fields, post.Look.Over(look), webPath, images, out var specProblem);
            if (spec is null)
            {
                problems.Add(CardProblem.Error(post.File, 1, specProblem!));
                continue;
            }

            targets.Add(new CardTarget(post, webPath, file, post.Image is not null, spec));
        }

        var defaultImage = site.Info.DefaultImage is { } d && !IsElsewhere(d) ? site.FileFor(d) : null;
        var jobs = new List<CardJob>();
        foreach (var group in targets.GroupBy(t => t.File, StringComparer.Ordinal))
        {
            var members = group.ToList();
            var name = site.Relative(group.Key);
            var shared = members.All(m => m.Named) && (members.Count > 1 || group.Key == defaultImage);
            if (members.Count > 1 && !shared)
            {
                var all = string.Join(", ", members.Select(m => m.Post.File));
                problems.AddRange(members.Select(m => CardProblem.Error(m.Post.File, 1,
                    $"Two or more posts would write the same card {name} ({all}): give each its own image: or an --out with {{slug}}.")));
                continue;
            }

            if (!shared)
            {
                var (post, webPath, file, _, spec) = members[0];
                jobs.Add(new CardJob(name, file, webPath, [post], spec, CardManifest.KeyFor(spec, fingerprint), Shared: false));
                continue;
            }

            // Posts that name one image on purpose share it (a site-wide default): its card is the site's, not one post's.
            var siteSpec = SpecFor(new CardFields { Title = site.Info.Name ?? "Home", Description = site.Info.Description, SiteName = site.Info.Name }, look, members[0].WebPath, images, out var siteProblem);
            if (siteSpec is null)
            {
                problems.AddRange(members.Select(m => CardProblem.Error(m.Post.File, 1, siteProblem!)));
                continue;
            }

            jobs.Add(new CardJob(name, group.Key, members[0].WebPath, [.. members.Select(m => m.Post)], siteSpec, CardManifest.KeyFor(siteSpec, fingerprint), Shared: true));
        }

        return jobs;
    }

    private async Task<bool> RenderAsync(List<CardJob> toMake, Task<WarmedRenderer>? warmRenderer, FontFiles fontFiles, CardManifest manifest, List<CardOutcome> outcomes, List<CardProblem> problems, ISiteCardProgress? progress, CancellationToken cancellationToken)
    {
        if (toMake.Count == 0)
        {
            return false;
        }

        // The warmed renderer has the bundled fonts only (it starts before cardservice.yml is read), so brand fonts get their own.
        // Its fonts are disposed by MakeAsync; one made here is disposed here.
        var warm = fontFiles.Title is null && fontFiles.Body is null ? warmRenderer : null;
        using var ownFonts = warm is null ? new FontRegistry(fontFiles.ToOptions()) : null;
        var renderer = warm is null ? new CardRenderer(ownFonts!) : (await warm).Renderer;
        RunTrace.Mark("fonts opened, renderer ready");
        var costs = new CardCosts();
        var results = new ConcurrentBag<MadeCard>();
        var gate = new Lock();
        var sinceSave = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Jobs), CancellationToken = cancellationToken };
        var interrupted = false;
        try
        {
            await Parallel.ForEachAsync(toMake, parallel, (job, _) =>
            {
                var made = MakeOne(job, renderer, manifest, costs);
                results.Add(made);
                var outcome = made.Outcome;
                lock (gate)
                {
                    progress?.Done(outcome);
                    if (++sinceSave >= SaveEvery)
                    {
                        sinceSave = 0;
                        manifest.Save();
                    }
                }

                return ValueTask.CompletedTask;
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cards in flight finished before ForEachAsync returned; each is whole and recorded.
            interrupted = true;
        }

        RunTrace.Mark(string.Create(CultureInfo.InvariantCulture,
            $"{results.Count} cards made on {costs.Threads.Count} threads; summed over threads: render {RunTrace.Milliseconds(costs.Render):F0} ms, write {RunTrace.Milliseconds(costs.Write):F0} ms, manifest record {RunTrace.Milliseconds(costs.Record):F0} ms"));
        manifest.Save();
        RunTrace.Mark("manifest saved");
        foreach (var (outcome, problem) in results)
        {
            outcomes.Add(outcome);
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        return interrupted;
    }

    private static MadeCard MakeOne(CardJob job, CardRenderer renderer, CardManifest manifest, CardCosts costs)
    {
        var postFiles = job.Posts.Select(p => p.File).ToImmutableArray();
        try
        {
            var started = RunTrace.Now();
            var card = renderer.Render(job.Spec);
            Interlocked.Add(ref costs.Render, RunTrace.Since(started));
            started = RunTrace.Now();
            AtomicFile.Write(job.File, card.Bytes.Span);
            Interlocked.Add(ref costs.Write, RunTrace.Since(started));
            started = RunTrace.Now();
            manifest.Record(job.Name, job.Key, job.File, card.Bytes.Span);
            Interlocked.Add(ref costs.Record, RunTrace.Since(started));
            if (RunTrace.Enabled)
            {
                costs.Threads.TryAdd(Environment.CurrentManagedThreadId, 0);
                if (Interlocked.Exchange(ref costs.FirstCardMarked, 1) == 0)
                {
                    RunTrace.Mark("first card written");
                }
            }

            var missing = card.MissingCodePoints;
            var warning = missing.IsDefaultOrEmpty ? null : CardProblem.Warning(postFiles[0], 1,
                $"No bundled font draws {string.Join(", ", missing.Select(c => string.Create(CultureInfo.InvariantCulture, $"U+{c:X4}")))}; {job.Name} leaves them out.");
            return new MadeCard(new CardOutcome(job.Name, postFiles, CardStatus.Made, missing), warning);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new MadeCard(new CardOutcome(job.Name, postFiles, CardStatus.Failed, []), CardProblem.Error(postFiles[0], 0, $"Cannot make {job.Name}: {e.Message}"));
        }
    }

    private static bool MarkDryRun(List<CardJob> toMake, List<CardOutcome> outcomes, ISiteCardProgress? progress)
    {
        foreach (var job in toMake)
        {
            var outcome = new CardOutcome(job.Name, [.. job.Posts.Select(p => p.File)], CardStatus.WouldMake, []);
            outcomes.Add(outcome);
            progress?.Done(outcome);
        }

        return false;
    }

    private static ImmutableArray<string> WriteFrontMatter(Site site, List<CardJob> jobs, List<CardOutcome> outcomes, Dictionary<string, byte[]> originals, List<CardProblem> problems)
    {
        var ready = outcomes.Where(o => o.Status is CardStatus.Made or CardStatus.Unchanged).Select(o => o.Path).ToHashSet(StringComparer.Ordinal);
        var written = new List<string>();
        foreach (var job in jobs.Where(j => !j.Shared && j.Posts[0].Image is null && ready.Contains(j.Name)))
        {
            var post = job.Posts[0];
            var url = "/" + Path.GetRelativePath(site.WebRoot, job.File).Replace('\\', '/');
            if (FrontMatterWriter.WithImage(originals[post.File], post.FrontMatter, url, post.Fields.Title!) is not { } updated)
            {
                problems.Add(CardProblem.Warning(post.File, 1, $"No front matter to add 'image: {url}' to."));
                continue;
            }

            try
            {
                AtomicFile.Write(Path.Combine(site.Root, post.File), updated);
                written.Add(post.File);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(CardProblem.Error(post.File, 0, $"Cannot add image: to the front matter: {e.Message}"));
            }
        }

        return [.. written];
    }

    private static CardSpec? SpecFor(CardFields fields, CardLook look, string webPath, ImageFiles images, out string? problem)
    {
        var format = Path.GetExtension(webPath).ToLowerInvariant() switch
        {
            ".png" => "png",
            ".jpg" or ".jpeg" => "jpeg",
            ".webp" => "webp",
            _ => null,
        };
        if (format is null)
        {
            problem = $"The card path '{webPath}' is not a .png, .jpg or .webp file.";
            return null;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var spec = CardSpecFactory.TryCreate(fields with
        {
            Theme = look.Theme,
            Template = look.Template,
            Accent = look.Accent,
            Size = look.Size,
            Logo = images.DataUri("logo", look.Logo, errors),
            Background = images.DataUri("background", look.Background, errors),
            Format = format,
        }, errors);
        problem = spec is null || errors.Count > 0 ? string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))) : null;
        return problem is null ? spec : null;
    }

    private static void CheckSettings(CardLook look, string template, string dateFormat, ImageFiles images, List<CardProblem> problems)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CardSpecFactory.TryCreate(new CardFields
        {
            Title = "-",
            Theme = look.Theme,
            Template = look.Template,
            Accent = look.Accent,
            Size = look.Size,
            Logo = images.DataUri("logo", look.Logo, errors),
            Background = images.DataUri("background", look.Background, errors),
        }, errors);
        if (!template.Contains('{', StringComparison.Ordinal) && !template.EndsWith('/'))
        {
            errors["out"] = [$"'{template}' would give every post the same file: use {{date}}, {{slug}} or {{year}}."];
        }

        try
        {
            _ = new DateOnly(2022, 1, 11).ToString(dateFormat, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            errors["date-format"] = [$"'{dateFormat}' is not a .NET date format such as '{SiteCardOptions.DefaultDateFormat}'."];
        }

        // Flags and cardservice.yml are merged by now: the problem names the setting, the site root stands for the file.
        problems.AddRange(errors.SelectMany(e => e.Value.Select(m => CardProblem.Error(string.Empty, 0, $"{e.Key}: {m}"))));
    }

    private static string? Expand(string template, Post post, out string? problem)
    {
        problem = null;
        if (post.Date is null && template.Contains("{date}", StringComparison.Ordinal) || template.Contains("{year}", StringComparison.Ordinal) && post.Date is null)
        {
            if (template == SiteCardOptions.DefaultOut)
            {
                template = SiteCardOptions.UndatedOut;
            }
            else
            {
                problem = $"The post has no date (front matter or file name) for '{template}': add date: or use {{slug}}.";
                return null;
            }
        }

        return template
            .Replace("{date}", post.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{year}", post.Date?.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{slug}", post.Slug, StringComparison.Ordinal);
    }

    private static bool IsElsewhere(string image) =>
        image.StartsWith("//", StringComparison.Ordinal) || Uri.TryCreate(image, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "data";

    /// <summary>
    /// A brand font that does not load stops the run before any card is made, naming the flag (or the cardservice.yml key)
    /// and why.
    /// </summary>
    private void CheckBrandFonts(Settings settings, List<CardProblem> problems)
    {
        foreach (var (flag, key, given, configured) in new[] { ("title-font", "title_font", _options.TitleFont, settings.TitleFont), ("body-font", "body_font", _options.BodyFont, settings.BodyFont) })
        {
            var (path, file, setting) = given is not null ? (given, string.Empty, flag) : (configured, SiteCardOptions.ConfigFile, key);
            if (path is null)
            {
                continue;
            }

            var (face, problem) = BrandFont.Open(path);
            face?.Dispose();
            if (problem is not null)
            {
                problems.Add(CardProblem.Error(file, 0, $"{setting}: {problem}"));
            }
        }
    }

    /// <summary>
    /// Names (brand fonts by role), sizes and the first and last 64 KB of every font file (all of a small one): a changed
    /// font changes every card's key, while a reinstall of the same fonts (new file times in CI) does not.
    /// </summary>
    private static string FontsFingerprint(FontFiles fonts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        foreach (var (label, file) in fonts.All())
        {
            using var stream = File.OpenRead(file);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{label}:{stream.Length}\n"));
            if (stream.Length <= 2 * 1024 * 1024)
            {
                for (int read; (read = stream.Read(buffer)) > 0;)
                {
                    hash.AppendData(buffer, 0, read);
                }

                continue;
            }

            hash.AppendData(buffer, 0, stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false));
            stream.Seek(Math.Max(0, stream.Length - buffer.Length), SeekOrigin.Begin);
            hash.AppendData(buffer, 0, stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 8));
    }

    /// <summary>The site's <c>cardservice.yml</c>: card options, brand fonts, the output template, post globs and the date format.</summary>
    private sealed record Settings(CardLook Look, string? Out, IReadOnlyList<string> Globs, string? DateFormat, string? TitleFont = null, string? BodyFont = null);

    private static Settings ReadSettings(string root, List<CardProblem> problems)
    {
        var path = Path.Combine(root, SiteCardOptions.ConfigFile);
        if (!File.Exists(path))
        {
            return new Settings(new CardLook(), null, [], null);
        }

        var (values, problem) = SiteReader.ReadConfig(root, path);
        if (values is null)
        {
            problems.Add(problem!);
            return new Settings(new CardLook(), null, [], null);
        }

        var globs = values.TryGetValue("glob", out var glob) ? glob switch
        {
            string one => [one],
            IEnumerable<object?> many => many.OfType<string>().ToList(),
            _ => [],
        } : new List<string>();
        // Font paths in the file are relative to the site root, like logo and background.
        string? FontPath(string key) => Values.Text(values, key) is { } path ? Path.GetFullPath(path, root) : null;
        return new Settings(CardLook.From(values), Values.Text(values, "out"), globs, Values.Text(values, "date_format"), FontPath("title_font"), FontPath("body_font"));
    }

    /// <summary>Logo and background files read once into <c>data:</c> URIs; a path with a leading <c>/</c> is under the web root, else the site root.</summary>
    private sealed class ImageFiles(Site site)
    {
        private readonly ConcurrentDictionary<string, (string? Uri, string[]? Errors)> _read = new(StringComparer.Ordinal);

        public string? DataUri(string field, string? value, Dictionary<string, string[]> errors)
        {
            if (value is null || value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }

            if (IsElsewhere(value))
            {
                errors[field] = [$"'{value}': cards reads {field}s from files in the site (or data: URIs), never from the network."];
                return null;
            }

            var path = value.StartsWith('/') && !File.Exists(value) ? Path.Combine(site.WebRoot, value.TrimStart('/')) : Path.Combine(site.Root, value);
            var (uri, problems) = _read.GetOrAdd(path, p =>
            {
                var found = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
                var read = CardCommand.ReadImage(field, p, found);
                return (read, found.Count > 0 ? found.Values.SelectMany(v => v).ToArray() : null);
            });
            if (problems is not null)
            {
                errors[field] = problems;
            }

            return uri;
        }
    }
}
