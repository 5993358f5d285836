using System.Collections.Immutable;
using System.Text;

namespace CardService.Core.Meta;

/// <summary>Truncation and read-window numbers of each platform, with the RULES.md row they come from.</summary>
public static class PreviewLimits
{
    /// <summary>X: <c>twitter:title</c> max 70 characters (RULES.md #18).</summary>
    public const int XTitleChars = 70;

    /// <summary>X: <c>twitter:description</c> max 200 characters (RULES.md #18).</summary>
    public const int XDescriptionChars = 200;

    /// <summary>Discord: title cut at 67 bytes, then "..." (RULES.md #30, measured by a third party).</summary>
    public const int DiscordTitleBytes = 67;

    /// <summary>Discord: description cut at 347 characters, then "..." (RULES.md #30).</summary>
    public const int DiscordDescriptionChars = 347;

    /// <summary>Google: the title link is cut by pixel width, ≈580–600 px ≈ 60 characters of average text (RULES.md #33).</summary>
    public const int GoogleTitleChars = 60;

    /// <summary>Google: snippets are "truncated as needed"; ≈155–160 characters on desktop (RULES.md #34).</summary>
    public const int GoogleDescriptionChars = 160;

    /// <summary>Slack reads about the first 32 KB of HTML (RULES.md #29).</summary>
    public const int SlackWindowBytes = 32 * 1024;

    /// <summary>Facebook reads the first 1 MB of HTML (RULES.md #14).</summary>
    public const int FacebookWindowBytes = 1024 * 1024;

    /// <summary>Discord appends three dots, not "…" (RULES.md #30).</summary>
    public const string DiscordEllipsis = "...";

    /// <summary>The ellipsis X and Google show.</summary>
    public const string Ellipsis = "…";

    /// <summary>Google's breadcrumb separator.</summary>
    public const string BreadcrumbSeparator = " › ";
}

/// <summary>Builds each platform's <see cref="EffectivePreview"/> from a page's tags, with that platform's fallbacks.</summary>
public static class PreviewBuilder
{
    /// <summary>One preview per <see cref="PreviewPlatform"/>, in enum order.</summary>
    public static ImmutableArray<EffectivePreview> BuildAll(PageMeta meta) =>
        [.. Enum.GetValues<PreviewPlatform>().Select(p => Build(meta, p))];

    /// <summary>What <paramref name="platform"/> would show for <paramref name="meta"/>.</summary>
    public static EffectivePreview Build(PageMeta meta, PreviewPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return platform switch
        {
            PreviewPlatform.X => X(meta),
            PreviewPlatform.Facebook => Facebook(meta),
            PreviewPlatform.LinkedIn => LinkedIn(meta),
            PreviewPlatform.Slack => Slack(meta),
            PreviewPlatform.Discord => Discord(meta),
            _ => Google(meta),
        };
    }

    private static EffectivePreview X(PageMeta meta)
    {
        var og = meta.OpenGraph;
        var tw = meta.Twitter;
        // twitter:* falls back to og:* only (RULES.md #18, #19).
        var title = Pick((tw.Title, MetaNames.TwitterTitle), (og.Title, MetaNames.OgTitle));
        var description = Pick((tw.Description, MetaNames.TwitterDescription), (og.Description, MetaNames.OgDescription));
        var (shownTitle, titleCut) = Cut(title, t => MetaText.TruncateChars(t, PreviewLimits.XTitleChars, PreviewLimits.Ellipsis));
        var (shownDescription, descriptionCut) = Cut(description, t => MetaText.TruncateChars(t, PreviewLimits.XDescriptionChars, PreviewLimits.Ellipsis));
        var ogImage = FirstOgImage(meta);
        var image = tw.Image?.Resolved is { } twImage ? new MetaValue(twImage.AbsoluteUri, MetaNames.TwitterImage)
            : ogImage?.Url?.Resolved is { } o ? new MetaValue(o.AbsoluteUri, MetaNames.OgImage) : null;
        var kind = CardKind(meta);
        return new EffectivePreview(PreviewPlatform.X)
        {
            Title = shownTitle,
            TitleTruncated = titleCut,
            Description = shownDescription,
            DescriptionTruncated = descriptionCut,
            Image = image,
            ImageAlt = image?.Source == MetaNames.TwitterImage ? tw.ImageAlt : ogImage?.Alt,
            ImageWidth = image?.Source == MetaNames.OgImage ? ogImage?.Width : null,
            ImageHeight = image?.Source == MetaNames.OgImage ? ogImage?.Height : null,
            SiteName = Pick((tw.Site, MetaNames.TwitterSite)),
            Domain = Domain(meta),
            Url = LinkUrl(meta),
            CardKind = kind,
            HasPreview = kind != XCardKind.None && title is not null,
        };
    }

    /// <summary>The X card kind: the last <c>twitter:card</c>, else an implicit summary when og:type, og:title and og:description exist (RULES.md #22).</summary>
    public static XCardKind CardKind(PageMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var og = meta.OpenGraph;
        return meta.Twitter.Card?.Trim().ToLowerInvariant() switch
        {
            null or "" => og is { Type: not null, Title: not null, Description: not null } ? XCardKind.Summary : XCardKind.None,
            "summary" => XCardKind.Summary,
            "summary_large_image" => XCardKind.SummaryLargeImage,
            "app" => XCardKind.App,
            "player" => XCardKind.Player,
            _ => XCardKind.Unknown,
        };
    }

    private static EffectivePreview Facebook(PageMeta meta)
    {
        var og = meta.OpenGraph;
        var title = Pick((og.Title, MetaNames.OgTitle), (meta.Title, Sources.Title));
        var image = FirstOgImage(meta);
        return new EffectivePreview(PreviewPlatform.Facebook)
        {
            Title = title,
            Description = Pick((og.Description, MetaNames.OgDescription), (meta.Description, Sources.MetaDescription)),
            Image = image?.Url?.Resolved is { } u ? new MetaValue(u.AbsoluteUri, MetaNames.OgImage) : null,
            ImageWidth = image?.Width,
            ImageHeight = image?.Height,
            ImageAlt = image?.Alt,
            SiteName = Pick((og.SiteName, MetaNames.OgSiteName)),
            Domain = Domain(meta),
            Url = LinkUrl(meta),
            HasPreview = title is not null,
            TagsPastWindow = PastWindow(meta, PreviewLimits.FacebookWindowBytes),
        };
    }

    private static EffectivePreview LinkedIn(PageMeta meta)
    {
        // LinkedIn reads og:* only and ignores twitter:* (RULES.md #25).
        var og = meta.OpenGraph;
        var image = FirstOgImage(meta);
        var title = Pick((og.Title, MetaNames.OgTitle));
        return new EffectivePreview(PreviewPlatform.LinkedIn)
        {
            Title = title,
            Description = Pick((og.Description, MetaNames.OgDescription)),
            Image = image?.Url?.Resolved is { } u ? new MetaValue(u.AbsoluteUri, MetaNames.OgImage) : null,
            ImageWidth = image?.Width,
            ImageHeight = image?.Height,
            ImageAlt = image?.Alt,
            SiteName = Pick((og.SiteName, MetaNames.OgSiteName)),
            Domain = Domain(meta),
            Url = og.Url?.Resolved?.AbsoluteUri ?? meta.PageUrl.AbsoluteUri,
            HasPreview = title is not null && image?.Url?.Resolved is not null,
        };
    }

    private static EffectivePreview Slack(PageMeta meta)
    {
        // oEmbed first, then Twitter Card / Open Graph, then HTML meta (RULES.md #28).
        var og = meta.OpenGraph;
        var tw = meta.Twitter;
        var title = Pick((tw.Title, MetaNames.TwitterTitle), (og.Title, MetaNames.OgTitle), (meta.Title, Sources.Title));
        var ogImage = FirstOgImage(meta);
        var fields = ImmutableArray.CreateBuilder<PreviewField>();
        if (tw is { Label1: { } l1, Data1: { } d1 })
        {
            fields.Add(new PreviewField(l1, d1));
        }

        if (tw is { Label2: { } l2, Data2: { } d2 })
        {
            fields.Add(new PreviewField(l2, d2));
        }

        return new EffectivePreview(PreviewPlatform.Slack)
        {
            Title = title,
            Description = Pick((tw.Description, MetaNames.TwitterDescription), (og.Description, MetaNames.OgDescription), (meta.Description, Sources.MetaDescription)),
            Image = tw.Image?.Resolved is { } t ? new MetaValue(t.AbsoluteUri, MetaNames.TwitterImage)
                : ogImage?.Url?.Resolved is { } o ? new MetaValue(o.AbsoluteUri, MetaNames.OgImage) : null,
            SiteName = Pick((og.SiteName, MetaNames.OgSiteName), (meta.ApplicationName, MetaNames.ApplicationName), (Domain(meta), Sources.Host)),
            Domain = Domain(meta),
            Url = LinkUrl(meta),
            Fields = fields.ToImmutable(),
            OEmbedUrl = meta.OEmbeds.FirstOrDefault(o => o.Href.Resolved is not null)?.Href.Resolved!.AbsoluteUri,
            HasPreview = title is not null || meta.OEmbeds.Length > 0,
            TagsPastWindow = PastWindow(meta, PreviewLimits.SlackWindowBytes),
        };
    }

    private static EffectivePreview Discord(PageMeta meta)
    {
        var og = meta.OpenGraph;
        var tw = meta.Twitter;
        var title = Pick((og.Title, MetaNames.OgTitle), (tw.Title, MetaNames.TwitterTitle), (meta.Title, Sources.Title));
        var description = Pick((og.Description, MetaNames.OgDescription), (tw.Description, MetaNames.TwitterDescription), (meta.Description, Sources.MetaDescription));
        var (shownTitle, titleCut) = Cut(title, s => MetaText.TruncateUtf8Bytes(s, PreviewLimits.DiscordTitleBytes, PreviewLimits.DiscordEllipsis));
        var (shownDescription, descriptionCut) = Cut(description, s => MetaText.TruncateChars(s, PreviewLimits.DiscordDescriptionChars + PreviewLimits.DiscordEllipsis.Length, PreviewLimits.DiscordEllipsis));
        var ogImage = FirstOgImage(meta);
        return new EffectivePreview(PreviewPlatform.Discord)
        {
            Title = shownTitle,
            TitleTruncated = titleCut,
            Description = shownDescription,
            DescriptionTruncated = descriptionCut,
            Image = ogImage?.Url?.Resolved is { } o ? new MetaValue(o.AbsoluteUri, MetaNames.OgImage)
                : tw.Image?.Resolved is { } t ? new MetaValue(t.AbsoluteUri, MetaNames.TwitterImage) : null,
            ImageWidth = ogImage?.Width,
            ImageHeight = ogImage?.Height,
            SiteName = Pick((og.SiteName, MetaNames.OgSiteName)),
            Domain = Domain(meta),
            Url = LinkUrl(meta),
            ThemeColor = meta.ThemeColor,
            // Discord needs og:title or og:description (RULES.md #30).
            HasPreview = og.Title is not null || og.Description is not null,
        };
    }

    private static EffectivePreview Google(PageMeta meta)
    {
        var title = Pick((meta.Title, Sources.Title), (meta.OpenGraph.Title, MetaNames.OgTitle));
        var (shownTitle, titleCut) = Cut(title, s => MetaText.TruncateChars(s, PreviewLimits.GoogleTitleChars, PreviewLimits.Ellipsis));
        var (shownDescription, descriptionCut) = Cut(Pick((meta.Description, Sources.MetaDescription)),
            s => MetaText.TruncateChars(s, PreviewLimits.GoogleDescriptionChars, PreviewLimits.Ellipsis));
        var url = meta.Canonicals.FirstOrDefault(c => c.InHead && c.Href.Resolved is not null)?.Href.Resolved ?? meta.PageUrl;
        return new EffectivePreview(PreviewPlatform.GoogleSearch)
        {
            Title = shownTitle,
            TitleTruncated = titleCut,
            Description = shownDescription,
            DescriptionTruncated = descriptionCut,
            Domain = Domain(meta),
            Url = url.AbsoluteUri,
            Breadcrumb = Breadcrumb(url),
            HasPreview = !meta.Robots.NoIndex,
        };
    }

    /// <summary>Google's breadcrumb: <c>host › segment › segment</c> (query and fragment left out).</summary>
    public static string Breadcrumb(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString);
        return string.Join(PreviewLimits.BreadcrumbSeparator, segments.Prepend(url.Scheme + "://" + url.Host));
    }

    private static OgMedia? FirstOgImage(PageMeta meta) => meta.OpenGraph.Images.FirstOrDefault(i => i.Url?.Resolved is not null);

    private static string Domain(PageMeta meta)
    {
        var host = (meta.OpenGraph.Url?.Resolved ?? meta.PageUrl).Host;
        return host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
    }

    private static string LinkUrl(PageMeta meta) =>
        meta.OpenGraph.Url?.Resolved?.AbsoluteUri
        ?? meta.Canonicals.FirstOrDefault(c => c.InHead && c.Href.Resolved is not null)?.Href.Resolved!.AbsoluteUri
        ?? meta.PageUrl.AbsoluteUri;

    private static (MetaValue? Value, bool Truncated) Cut(MetaValue? value, Func<string, (string Text, bool Truncated)> cut)
    {
        if (value is null)
        {
            return (null, false);
        }

        var (text, truncated) = cut(value.Value);
        return (value with { Value = text }, truncated);
    }

    // Positions are character offsets; a UTF-16 character is 1–3 UTF-8 bytes, so only count bytes when it is close.
    private static ImmutableArray<string> PastWindow(PageMeta meta, int windowBytes)
    {
        if (!meta.HasPositions)
        {
            return [];
        }

        var encoding = meta.Decoding is { } d ? EncodingFor(d.EncodingName) : Encoding.UTF8;
        var text = meta.Decoding?.Text;
        return
        [
            .. meta.Tags
                .Where(t => (t.Property ?? t.Name) is { } key && (key.StartsWith("og:", StringComparison.Ordinal) || key.StartsWith("twitter:", StringComparison.Ordinal)))
                .Where(t => t.Position is { } p && (p >= windowBytes || (p * 3 >= windowBytes && text is not null && p <= text.Length
                    && encoding.GetByteCount(text.AsSpan(0, p)) >= windowBytes)))
                .Select(t => (t.Property ?? t.Name)!)
                .Distinct(StringComparer.Ordinal),
        ];
    }

    private static Encoding EncodingFor(string name)
    {
        try
        {
            return Fetching.WebEncodings.Get(name);
        }
        catch (KeyNotFoundException)
        {
            return Encoding.UTF8;
        }
    }

    private static MetaValue? Pick(params ReadOnlySpan<(string? Value, string Source)> candidates)
    {
        foreach (var (value, source) in candidates)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return new MetaValue(value, source);
            }
        }

        return null;
    }
}
