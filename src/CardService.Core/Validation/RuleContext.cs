using System.Collections.Immutable;
using System.Globalization;
using CardService.Core.Fetching;
using CardService.Core.Meta;

namespace CardService.Core.Validation;

/// <summary>What a rule's check sees: the page's meta, its facts, and lookups several rules share.</summary>
internal sealed class RuleContext
{
    public RuleContext(PageMeta meta, PageFacts facts)
    {
        Meta = meta;
        Facts = facts;
        Charset = facts.Charset ?? (meta.Decoding is { } decoded ? CharsetFacts.From(decoded) : null);
        PageUrl = facts.FinalUrl ?? meta.PageUrl;
        // The header may reach us through the facts rather than ReadOptions: merge it in.
        Robots = facts.XRobotsTag is { } header && meta.Robots.Header is null
            ? RobotsParser.Parse(meta.Robots.Tags, header)
            : meta.Robots;
        OgImage = meta.OpenGraph.Images.FirstOrDefault(i => i.Url is not null || i.SecureUrl is not null);
        OgImageUrl = OgImage?.Url?.Resolved ?? OgImage?.SecureUrl?.Resolved;
        XImageUrl = meta.Twitter.Image?.Resolved ?? OgImageUrl;
        XCard = meta.Twitter.Card?.Trim().ToLowerInvariant();
    }

    public PageMeta Meta { get; }

    public PageFacts Facts { get; }

    /// <summary>Charset facts from the facts, else from how the meta reader decoded the bytes; null when the HTML came as text.</summary>
    public CharsetFacts? Charset { get; }

    /// <summary>The page's address: the final URL after redirects when fetched, else the URL the HTML was read as.</summary>
    public Uri PageUrl { get; }

    /// <summary>Robots directives from meta tags and the <c>X-Robots-Tag</c> header.</summary>
    public RobotsInfo Robots { get; }

    /// <summary>The first og:image group with a URL.</summary>
    public OgMedia? OgImage { get; }

    /// <summary>The og:image X, Facebook and LinkedIn use (resolved).</summary>
    public Uri? OgImageUrl { get; }

    /// <summary>The image X uses: twitter:image, else og:image.</summary>
    public Uri? XImageUrl { get; }

    /// <summary>The effective twitter:card value (the last one), lower-cased; null when absent.</summary>
    public string? XCard { get; }

    /// <summary>The platforms whose preview shows og:image (RULES.md 25, 30–32); X and Slack take twitter:image first (17–19, 28).</summary>
    public static ImmutableArray<Platform> OpenGraphImagePlatforms { get; } = [Platform.Facebook, Platform.LinkedIn, Platform.Discord, Platform.IMessage, Platform.WhatsApp];

    /// <summary>The platforms that read twitter:image before og:image.</summary>
    public static ImmutableArray<Platform> TwitterImagePlatforms { get; } = [Platform.X, Platform.Slack];

    /// <summary>
    /// The platforms whose preview shows <paramref name="image"/>: the og:image readers when it is the og:image, X and Slack
    /// when it is twitter:image (or the og:image they fall back to). Google takes its images from the page and JSON-LD, not
    /// from these tags. Empty for an image no preview shows.
    /// </summary>
    public ImmutableArray<Platform> PlatformsShowing(Uri? image)
    {
        if (image is null)
        {
            return [];
        }

        var platforms = new List<Platform>();
        if (SameUrl(image, OgImageUrl))
        {
            platforms.AddRange(OpenGraphImagePlatforms);
        }

        if (SameUrl(image, XImageUrl))
        {
            platforms.AddRange(TwitterImagePlatforms);
        }

        return [.. platforms.Order()];
    }

    /// <summary>The probed facts of <paramref name="url"/>; null when not probed.</summary>
    public ImageFacts? ImageFor(Uri? url) =>
        url is null || Facts.Images is null
            ? null
            : Facts.Images.FirstOrDefault(i => string.Equals(i.Url.AbsoluteUri, url.AbsoluteUri, StringComparison.Ordinal));

    /// <summary>The platform's name as people write it (and as the JSON does): <c>iMessage</c>, not <c>IMessage</c>.</summary>
    public static string PlatformName(Platform platform) => platform == Platform.IMessage ? "iMessage" : platform.ToString();

    private static bool SameUrl(Uri a, Uri? b) => b is not null && string.Equals(a.AbsoluteUri, b.AbsoluteUri, StringComparison.Ordinal);

    /// <summary>Whether the image was fetched and is usable enough to judge its size.</summary>
    public static bool HasSize(ImageFacts? image) => image is { Width: > 0, Height: > 0 };

    /// <summary>Text length as a reader counts it: user-perceived characters, not UTF-16 units.</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary><c>1200×630</c>.</summary>
    public static string Size(ImageFacts image) => string.Create(CultureInfo.InvariantCulture, $"{image.Width}×{image.Height}");

    /// <summary><c>1.91:1</c>.</summary>
    public static string Ratio(ImageFacts image) =>
        string.Create(CultureInfo.InvariantCulture, $"{(double)image.Width!.Value / image.Height!.Value:0.##}:1");

    /// <summary>Why a probed image cannot be shown (<c>failed: …</c> or <c>answered HTTP 404</c>); null when it answered 200.</summary>
    public static string? WhyUnreachable(ImageFacts image) =>
        image.Status == 200 ? null : image.Error is { } error ? Inv($"failed: {error}") : Inv($"answered HTTP {image.Status}");

    /// <summary>Bytes in KB or MB for messages.</summary>
    public static string Bytes(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB");

    /// <summary>The byte offset of a character offset when the decoding is known; else the character offset (a lower bound in every encoding the web uses).</summary>
    public long ByteOffset(int charOffset)
    {
        if (Meta.Decoding is not { } decoded || charOffset > decoded.Text.Length)
        {
            return charOffset;
        }

        var bom = decoded.HasBom ? (decoded.EncodingName == WebEncodings.Utf8 ? 3 : 2) : 0;
        return bom + WebEncodings.Get(decoded.EncodingName).GetByteCount(decoded.Text.AsSpan(0, charOffset));
    }

    public static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
