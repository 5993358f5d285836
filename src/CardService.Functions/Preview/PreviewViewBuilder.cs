using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Net;
using System.Text;
using CardService.Core.Cards.FromPage;
using CardService.Core.Fetching;
using CardService.Core.Inspection;
using CardService.Core.Meta;
using CardService.Functions.Signing;

namespace CardService.Functions.Preview;

/// <summary>
/// Turns a <see cref="PageInspection"/> into what the page draws. It never picks a value itself: titles, descriptions,
/// images, truncation and verdicts are Core's; this adds only where an image is drawn from and sentences about sources.
/// </summary>
public static class PreviewViewBuilder
{
    /// <summary>The first tag each platform reads for title, description and image; a value from any other source is a fallback.</summary>
    private static readonly FrozenDictionary<PreviewPlatform, (string Title, string Description, string? Image)> FirstChoice =
        new Dictionary<PreviewPlatform, (string, string, string?)>
        {
            [PreviewPlatform.X] = (MetaNames.TwitterTitle, MetaNames.TwitterDescription, MetaNames.TwitterImage),
            [PreviewPlatform.Facebook] = (MetaNames.OgTitle, MetaNames.OgDescription, MetaNames.OgImage),
            [PreviewPlatform.LinkedIn] = (MetaNames.OgTitle, MetaNames.OgDescription, MetaNames.OgImage),
            [PreviewPlatform.Slack] = (MetaNames.TwitterTitle, MetaNames.TwitterDescription, MetaNames.TwitterImage),
            [PreviewPlatform.Discord] = (MetaNames.OgTitle, MetaNames.OgDescription, MetaNames.OgImage),
            [PreviewPlatform.GoogleSearch] = (Sources.Title, Sources.MetaDescription, null),
        }.ToFrozenDictionary();

    // Formats every platform draws; SVG and AVIF previews show as no image.
    private static readonly FrozenSet<string> RasterFormats = FrozenSet.Create(StringComparer.Ordinal,
        ImageFormats.Png, ImageFormats.Jpeg, ImageFormats.Gif, ImageFormats.WebP);

    public static PreviewView Build(PageInspection inspection, PreviewInput input, ImageLinks links, CardLinks cards, Uri origin)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(origin);
        var meta = inspection.Meta;
        var previews = meta.Previews.ToDictionary(p => p.Platform);
        var x = previews[PreviewPlatform.X];
        var large = x.CardKind != XCardKind.Summary;
        Mockup Draw(MockupKind kind, string name, EffectivePreview preview, bool applies = true) =>
            new(kind, name, preview, ImageOf(preview, inspection, links), [.. Notes(name, preview)], applies);

        var current = EditsOf(meta);
        return new PreviewView
        {
            RequestedUrl = inspection.RequestedUrl,
            PageUrl = inspection.Report.PageUrl,
            Fetched = inspection.Fetched,
            Agent = input.Agent,
            Report = inspection.Report,
            Mockups =
            [
                Draw(MockupKind.XLargeImage, "X", x, large),
                Draw(MockupKind.XSummary, "X", x, !large),
                Draw(MockupKind.Facebook, "Facebook", previews[PreviewPlatform.Facebook]),
                Draw(MockupKind.LinkedIn, "LinkedIn", previews[PreviewPlatform.LinkedIn]),
                Draw(MockupKind.Slack, "Slack", previews[PreviewPlatform.Slack]),
                Draw(MockupKind.Discord, "Discord", previews[PreviewPlatform.Discord]),
                Draw(MockupKind.Google, "Google", previews[PreviewPlatform.GoogleSearch]),
            ],
            Tags = TagRows(meta),
            Card = Suggest(inspection, cards, links.Expiry(), origin),
            Edits = current,
            Originals = input.Originals ?? current,
            SourceHtml = input.SourceHtml ?? meta.Decoding?.Text ?? "",
            Edited = input.Edits is not null,
        };
    }

    /// <summary>The editor's starting values: what Facebook would show (no truncation), and the first image any platform uses.</summary>
    public static EditValues EditsOf(PageMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var facebook = meta.Previews.First(p => p.Platform == PreviewPlatform.Facebook);
        var image = meta.Previews.Select(p => p.Image?.Value).FirstOrDefault(v => v is not null);
        return new EditValues(facebook.Title?.Value, facebook.Description?.Value, image);
    }

    private static IEnumerable<string> Notes(string name, EffectivePreview preview)
    {
        var first = FirstChoice[preview.Platform];
        if (!preview.HasPreview)
        {
            yield return $"{name} would show no preview for this link.";
        }

        if (Fallback("title", preview.Title, first.Title) is { } title)
        {
            yield return title;
        }

        if (preview.TitleTruncated)
        {
            yield return $"{name} cuts this title short.";
        }

        if (Fallback("description", preview.Description, first.Description) is { } description)
        {
            yield return description;
        }

        if (preview.DescriptionTruncated)
        {
            yield return $"{name} cuts this description short.";
        }

        if (first.Image is { } image && Fallback("image", preview.Image, image) is { } imageNote)
        {
            yield return imageNote;
        }

        foreach (var tag in preview.TagsPastWindow)
        {
            yield return $"{tag} comes after the part of the page {name} reads, so {name} does not see it.";
        }
    }

    private static string? Fallback(string field, MetaValue? value, string firstChoice) => value switch
    {
        null => $"No {field}: {Label(firstChoice)} is missing and nothing stands in for it.",
        { Source: var source } when source != firstChoice => $"{Label(source)} used because {Label(firstChoice)} is missing.",
        _ => null,
    };

    private static string Label(string source) => source switch
    {
        Sources.Title => "<title>",
        Sources.MetaDescription => "meta description",
        Sources.Host => "the host name",
        _ => source,
    };

    private static ShownImage? ImageOf(EffectivePreview preview, PageInspection inspection, ImageLinks links)
    {
        if (preview.Image is not { } image || !Uri.TryCreate(image.Value, UriKind.Absolute, out var url))
        {
            return null;
        }

        var probe = inspection.Facts.Images?.FirstOrDefault(f => f.Url.AbsoluteUri == url.AbsoluteUri);
        var problem = probe switch
        {
            null => null,
            { Error: { } error } => $"A crawler gets no image: {error}.",
            { Status: { } status } when status is < 200 or >= 300 => $"A crawler gets no image: it answers HTTP {status}.",
            { Format: var format } when format is null || !RasterFormats.Contains(format) =>
                $"A crawler gets no image: it is {(format is null ? "not an image format platforms know" : format.ToUpperInvariant())}, not PNG, JPEG, GIF or WebP.",
            _ => null,
        };
        return new ShownImage(url.AbsoluteUri, problem is null ? links.For(url) : null, preview.ImageAlt, problem);
    }

    private static ImmutableArray<TagRow> TagRows(PageMeta meta)
    {
        var rows = ImmutableArray.CreateBuilder<TagRow>();
        foreach (var title in meta.Titles.Where(t => !t.InSvg))
        {
            rows.Add(new TagRow("<title>", title.Text, title.InHead, ShownBy(meta, Sources.Title)));
        }

        foreach (var tag in meta.Tags)
        {
            if ((tag.Property ?? tag.Name ?? tag.HttpEquiv ?? tag.ItemProp) is not { } key)
            {
                continue;
            }

            var source = key.Equals(MetaNames.Description, StringComparison.OrdinalIgnoreCase) ? Sources.MetaDescription : key;
            rows.Add(new TagRow(key, tag.Content, tag.InHead, ShownBy(meta, source)));
        }

        return rows.ToImmutable();
    }

    private static ImmutableArray<string> ShownBy(PageMeta meta, string source) =>
    [
        .. meta.Previews
            .Where(p => new[] { p.Title, p.Description, p.Image, p.SiteName }.Any(v => v?.Source == source)
                || (source == MetaNames.ThemeColor && p.ThemeColor is not null)
                || (source == MetaNames.TwitterCard && p.CardKind is not null and not XCardKind.None && meta.Twitter.Card is not null)
                || (source.StartsWith("twitter:label", StringComparison.Ordinal) || source.StartsWith("twitter:data", StringComparison.Ordinal)) && p.Fields.Length > 0)
            .Select(p => PlatformName(p.Platform)),
    ];

    public static string PlatformName(PreviewPlatform platform) => platform switch
    {
        PreviewPlatform.GoogleSearch => "Google",
        _ => platform.ToString(),
    };

    private static CardSuggestion Suggest(PageInspection inspection, CardLinks cards, DateTimeOffset linkExpiry, Uri origin)
    {
        var page = CardFromPage.Read(inspection.Meta);
        Uri card;
        if (inspection.Fetched)
        {
            card = cards.For(origin, [new("url", inspection.Report.PageUrl.AbsoluteUri)]);
        }
        else
        {
            // Posted HTML is not online for /card?url= to read: the card carries the fields Core read from it. Those are
            // anyone's text, so where the server signs, their link expires with the page's image links: the preview must
            // not hand out lasting signatures for whatever a stranger posts.
            var fields = page.Fields;
            KeyValuePair<string, string?>[] query =
            [
                new("title", fields.Title), new("category", fields.Category), new("siteName", fields.SiteName),
                new("author", fields.Author), new("date", fields.Date), new("accent", fields.Accent),
            ];
            card = cards.For(origin, query.Where(f => !string.IsNullOrWhiteSpace(f.Value)), linkExpiry);
        }

        var path = card.PathAndQuery;
        var absolute = card.AbsoluteUri;
        var alt = page.Fields.Title ?? inspection.Meta.Title ?? "";
        var tags = new StringBuilder()
            .Append("<meta property=\"og:image\" content=\"").Append(WebUtility.HtmlEncode(absolute)).Append("\">\n")
            .Append("<meta property=\"og:image:width\" content=\"1200\">\n")
            .Append("<meta property=\"og:image:height\" content=\"630\">\n")
            .Append("<meta property=\"og:image:alt\" content=\"").Append(WebUtility.HtmlEncode(alt)).Append("\">\n")
            .Append("<meta name=\"twitter:card\" content=\"summary_large_image\">");
        return new CardSuggestion(path, tags.ToString(), !inspection.Fetched);
    }
}

/// <summary>What the page was asked: the agent, and for a what-if the source HTML, the edits and the values before them.</summary>
public sealed record PreviewInput(string? Agent, string? SourceHtml = null, EditValues? Edits = null, EditValues? Originals = null);
