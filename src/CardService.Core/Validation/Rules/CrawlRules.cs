using System.Collections.Immutable;
using CardService.Core.Fetching;
using CardService.Core.Meta;
using static CardService.Core.Validation.RuleContext;
using T = CardService.Core.Validation.ValidationThresholds;

namespace CardService.Core.Validation.Rules;

/// <summary>How crawlers reach the page: status, redirects, HTTPS, local URLs, robots.txt, read windows, charset.</summary>
internal static class CrawlRules
{
    public static readonly Rule HttpStatusError = Rule.Define(
        "http-status-error", Severity.Error, [Platform.All],
        "The page answers with a 4xx or 5xx status",
        "Serve the page with 200; crawlers show no preview for error responses.",
        RuleSources.LighthouseConfig,
        static c => c.Facts.StatusCode is >= 400 and < 600 and var status
            ? [new(Inv($"The page answered HTTP {status}; crawlers do not use an error page's tags"), status.ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : [],
        RuleNeeds.Http);

    public static readonly Rule NotHtml = Rule.Define(
        "content-type-not-html", Severity.Error, [Platform.All],
        "The page is not served as HTML",
        "Serve the page with Content-Type: text/html; charset=utf-8.",
        RuleSources.FacebookCrawler,
        static c => c.Facts.ContentType is { } type && !IsHtml(type)
            ? [new(Inv($"The page is served as \"{Excerpt.Of(type)}\"; crawlers read tags only from text/html"), type)]
            : [],
        RuleNeeds.Http);

    public static readonly Rule Redirected = Rule.Define(
        "redirects-present", Severity.Info, [Platform.All],
        "The URL redirects",
        "Share and declare (og:url, canonical) the final URL so crawlers need no redirect.",
        RuleSources.Redirects,
        static c => c.Facts.Redirects is { Count: > 0 } hops
            ? [new(Inv($"The URL redirects {hops.Count} time(s): {string.Join(" → ", hops.Select(h => Inv($"{h.From.AbsoluteUri} ({h.StatusCode})")))} → {hops[^1].To.AbsoluteUri}"), hops[^1].To.AbsoluteUri)]
            : [],
        RuleNeeds.Http);

    public static readonly Rule RedirectChainLong = Rule.Define(
        "redirect-chain-long", Severity.Warning, [Platform.All],
        "A redirect chain of 3 hops or more (crawlers may give up)",
        "Redirect in one hop straight to the final URL.",
        RuleSources.Redirects,
        static c => c.Facts.Redirects is { Count: >= T.LongRedirectChainHops } hops
            ? [new(Inv($"The URL takes {hops.Count} redirects to reach {hops[^1].To.AbsoluteUri}; Facebook may give up on long chains"), hops.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : [],
        RuleNeeds.Http);

    public static readonly Rule NotHttps = Rule.Define(
        "not-https", Severity.Warning, [Platform.All],
        "The page is not served over HTTPS",
        "Serve the page (and og:url, og:image) over HTTPS.",
        RuleSources.LighthouseConfig,
        static c => c.PageUrl.Scheme == Uri.UriSchemeHttp
            ? [new(Inv($"The page is {c.PageUrl.AbsoluteUri}, plain HTTP (Lighthouse is-on-https)"), c.PageUrl.AbsoluteUri)]
            : []);

    /// <summary>The id findings caused by a local build are grouped under.</summary>
    public const string LocalUrlId = "url-local";

    public static readonly Rule LocalUrl = Rule.Define(
        LocalUrlId, Severity.Error, [Platform.All],
        "A shared URL points at localhost or a private address",
        "Build the site with its public URL (Jekyll: JEKYLL_ENV=production and site.url) so og:url, og:image and canonical are public.",
        RuleSources.FacebookFaq,
        static c => LocalUrls(c));

    public static readonly Rule HostInvalid = Rule.Define(
        "url-host-invalid", Severity.Error, [Platform.All],
        "A shared URL's host is not a valid domain name or IPv4 address",
        "Write the host in plain letters, digits and hyphens (or a real IDN); invisible or replacement characters such as U+FFFD or U+200D make it unreachable, and an IP address is written as four decimal numbers (1.2.0.3, not 1.2.3 or 0x7f.1).",
        RuleSources.Idna,
        static c => SharedUrls(c.Meta)
            .Where(u => u.Url is { Resolved: null } v && HasRejectedHost(c.Meta.BaseUrl, v.Raw))
            .Select(u => new RuleHit(Inv($"{u.Tag} is \"{u.Url!.Raw}\", whose host is not a valid domain name or IPv4 address; no crawler can fetch it"), u.Url.Raw)));

    public static readonly Rule RobotsTxtBlocked = Rule.Define(
        "robots-txt-blocked", Severity.Error, [Platform.All],
        "robots.txt blocks a platform's crawler",
        "Allow the crawler in robots.txt (User-agent: Twitterbot / facebookexternalhit / LinkedInBot / Slackbot / Discordbot, Allow: /).",
        RuleSources.XCardsOverview,
        static c => c.Facts.RobotsTxtAllows!.Where(p => !p.Value).OrderBy(p => p.Key)
            .Select(p => new RuleHit(Inv($"robots.txt disallows {CrawlerName(p.Key)}: {p.Key} shows no preview"), CrawlerName(p.Key), [p.Key])),
        RuleNeeds.RobotsTxt);

    public static readonly Rule Truncated = Rule.Define(
        "html-truncated", Severity.Warning, [Platform.All],
        "The page was cut at the fetch cap",
        "Make the page smaller, or move the meta tags to the top of <head>.",
        RuleSources.FacebookCrawler,
        static c => c.Facts.Truncated == true
            ? [new(c.Facts.HtmlBytes is { } bytes ? Inv($"The page was cut after {Bytes(bytes)}; tags after that were not seen") : "The page was cut at the fetch cap; tags after it were not seen", c.Facts.HtmlBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : [],
        RuleNeeds.Body);

    public static readonly Rule PastSlackWindow = Rule.Define(
        "tags-past-slack-window", Severity.Warning, [Platform.Slack],
        "Preview tags after the first 32 KB (Slack may not see them)",
        "Put the title, og:* and twitter:* tags at the top of <head>, before scripts and inline styles.",
        RuleSources.SlackWindow,
        static c => PastWindow(c, T.SlackHtmlWindowBytes, "Slack reads about the first 32 KB"));

    public static readonly Rule PastFacebookWindow = Rule.Define(
        "tags-past-facebook-window", Severity.Error, [Platform.Facebook],
        "Open Graph tags after the first 1 MB (Facebook does not see them)",
        "Move the og:* tags to the top of <head>.",
        RuleSources.FacebookCrawler,
        static c => PastWindow(c, T.FacebookHtmlWindowBytes, "Facebook reads only the first 1 MB"));

    public static readonly Rule CharsetMissing = Rule.Define(
        "charset-missing", Severity.Warning, [Platform.All],
        "No character encoding declared",
        "Add <meta charset=\"utf-8\"> as the first element of <head>, or send Content-Type: text/html; charset=utf-8.",
        RuleSources.LighthouseCharset,
        static c => c.Charset is { HasBom: false, DeclaredCharset: null } && c.Meta.MetaCharset is null
            ? [new(Inv($"No BOM, no charset= in Content-Type and no <meta charset>; the page was decoded as {c.Charset.EncodingUsed} by guessing"), null)]
            : [],
        RuleNeeds.Charset);

    public static readonly Rule CharsetLate = Rule.Define(
        "charset-late", Severity.Warning, [Platform.All],
        "<meta charset> is not within the first 1024 bytes",
        "Move <meta charset=\"utf-8\"> to the very start of <head>, before <title> and scripts.",
        RuleSources.LighthouseCharset,
        static c => c.Charset is { HeaderCharset: null, HasBom: false, DeclaredInFirst1024Bytes: false } && (c.Charset.MetaCharset ?? c.Meta.MetaCharset) is { } label
            ? [new(Inv($"The page declares charset \"{Excerpt.Of(label)}\" after the first {T.CharsetPrescanBytes} bytes; browsers may have to re-decode it"), label)]
            : [],
        RuleNeeds.Charset);

    public static readonly Rule CharsetMismatch = Rule.Define(
        "charset-mismatch", Severity.Warning, [Platform.All],
        "The declared charset does not match the bytes",
        "Declare the encoding the file really uses (almost always utf-8).",
        RuleSources.LighthouseCharset,
        static c => LyingLabel(c) is { } label
            ? [new(Inv($"The page declares \"{Excerpt.Of(label)}\" but its bytes are valid UTF-8; crawlers that trust the label show mojibake"), label)]
            : [],
        RuleNeeds.Charset);

    public static readonly Rule CharsetUnknown = Rule.Define(
        "charset-unknown", Severity.Warning, [Platform.All],
        "The declared charset is not a known encoding",
        "Declare a valid IANA charset: utf-8.",
        RuleSources.LighthouseCharset,
        static c => c.Charset is { DeclaredLabelUnknown: true } cs
            ? [new(Inv($"The page declares charset \"{Excerpt.Of(cs.DeclaredCharset)}\", which no browser knows; the encoding was guessed"), cs.DeclaredCharset)]
            : [],
        RuleNeeds.Charset);

    public static ImmutableArray<Rule> All { get; } =
    [
        HttpStatusError, NotHtml, Redirected, RedirectChainLong, NotHttps, LocalUrl, HostInvalid, RobotsTxtBlocked, Truncated,
        PastSlackWindow, PastFacebookWindow, CharsetMissing, CharsetLate, CharsetMismatch, CharsetUnknown,
    ];

    // The decoder's own verdict, or a label too far into the page for its prescan (taobao: byte 149 437) over bytes sniffed as UTF-8.
    private static string? LyingLabel(RuleContext c)
    {
        if (c.Charset is not { } cs)
        {
            return null;
        }

        if (cs.DeclarationLied)
        {
            return cs.DeclaredCharset;
        }

        return cs is { DeclaredCharset: null, DeclaredIn: Fetching.CharsetSource.SniffedUtf8, HasNonAscii: true }
            && c.Meta.MetaCharset is { } late
            && Fetching.WebEncodings.NameForLabel(late) is { } name && name != Fetching.WebEncodings.Utf8
                ? late
                : null;
    }

    private static bool IsHtml(string contentType)
    {
        var media = contentType.Split(';')[0].Trim();
        return media.Equals("text/html", StringComparison.OrdinalIgnoreCase) || media.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase);
    }

    private static string CrawlerName(Platform platform) => platform switch
    {
        Platform.Facebook => "facebookexternalhit",
        Platform.X => "Twitterbot",
        Platform.LinkedIn => "LinkedInBot",
        Platform.Slack => "Slackbot-LinkExpanding",
        Platform.Discord => "Discordbot",
        Platform.Google => "Googlebot",
        Platform.WhatsApp => "WhatsApp",
        Platform.IMessage => "Applebot",
        _ => platform.ToString(),
    };

    // One cause, the site built with its development URL: the first local URL is the finding, the others are grouped under it.
    private static IEnumerable<RuleHit> LocalUrls(RuleContext c) =>
        SharedUrls(c.Meta)
            .Select(u => (u.Tag, Url: u.Url?.Resolved))
            .Where(u => u.Url is not null && Patterns.IsLocalHost(u.Url))
            .Select((u, i) => new RuleHit(
                Inv($"{u.Tag} is {u.Url!.AbsoluteUri}, a local address no crawler can reach"),
                u.Url.AbsoluteUri,
                PlatformsReading(c, u.Tag, u.Url),
                i == 0 ? null : LocalUrlId));

    private static ImmutableArray<Platform> PlatformsReading(RuleContext c, string tag, Uri url) => tag switch
    {
        "og:url" => [Platform.Facebook, Platform.LinkedIn],
        "twitter:image" => TwitterImagePlatforms,
        "canonical" => [Platform.Google],
        _ => c.PlatformsShowing(url) is { Length: > 0 } showing ? showing : OpenGraphImagePlatforms,
    };

    private static IEnumerable<(string Tag, UrlValue? Url)> SharedUrls(PageMeta meta)
    {
        yield return ("og:url", meta.OpenGraph.Url);
        foreach (var image in meta.OpenGraph.Images)
        {
            yield return ("og:image", image.Url?.Resolved is not null ? image.Url : image.SecureUrl ?? image.Url);
        }

        yield return ("twitter:image", meta.Twitter.Image);
        foreach (var canonical in meta.Canonicals)
        {
            yield return ("canonical", canonical.Href);
        }

        foreach (var icon in meta.Icons)
        {
            yield return ("icon", icon.Href);
        }
    }

    // Uri parses such a host; only WebUrl refuses it (IDNA, or a numeric host not written a.b.c.d), which is why the URL was left unresolved.
    private static bool HasRejectedHost(Uri baseUrl, string raw) =>
        Uri.TryCreate(baseUrl, raw.Trim(), out var url) && WebUrl.IsHttp(url) && !WebUrl.TryResolve(baseUrl, raw, out _);

    // The tags a preview is built from; positions are character offsets, turned into bytes when the decoding is known.
    private static IEnumerable<RuleHit> PastWindow(RuleContext c, long windowBytes, string why)
    {
        if (!c.Meta.HasPositions)
        {
            yield break;
        }

        var late = new List<(string Tag, long Offset)>();
        foreach (var tag in c.Meta.Tags)
        {
            var key = tag.Property ?? tag.Name;
            if (tag.Position is { } position && key is not null
                && (key.StartsWith("og:", StringComparison.OrdinalIgnoreCase) || key.StartsWith("twitter:", StringComparison.OrdinalIgnoreCase) || key.Equals("description", StringComparison.OrdinalIgnoreCase)))
            {
                late.Add((key, c.ByteOffset(position)));
            }
        }

        if (c.Meta.Titles.FirstOrDefault(t => !t.InSvg) is { Position: { } titlePosition })
        {
            late.Add(("title", c.ByteOffset(titlePosition)));
        }

        var past = late.Where(t => t.Offset >= windowBytes).ToList();
        if (past.Count == 0)
        {
            yield break;
        }

        var names = past.Select(p => p.Tag).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        yield return new RuleHit(
            Inv($"{string.Join(", ", names)} start at byte {past.Min(p => p.Offset)} or later; {why}"),
            string.Join(", ", names));
    }
}
