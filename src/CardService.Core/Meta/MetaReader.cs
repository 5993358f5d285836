using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CardService.Core.Fetching;

namespace CardService.Core.Meta;

/// <summary>
/// Reads a page into a <see cref="PageMeta"/>. AngleSharp parses the head (<c>ParseHead</c>, which stops after
/// <c>&lt;/head&gt;</c>); the rest is scanned for misplaced meta/link tags, titles, JSON-LD and images, which are
/// flagged with <c>InHead = false</c>. <see cref="ReadOptions.HeadOnly"/> skips the scan;
/// <see cref="ReadOptions.ParseWholeDocument"/> builds AngleSharp's DOM for the whole page instead (≈ 5× slower, same data).
/// </summary>
public static class MetaReader
{
    // One browsing context for every parse: building AngleSharp's configuration is the costly part of a parser.
    private static readonly IBrowsingContext Context = BrowsingContext.New(Configuration.Default);

    /// <summary>Decodes <paramref name="body"/> (see <see cref="CharsetDecoder"/>) and reads it.</summary>
    /// <param name="body">The response body.</param>
    /// <param name="contentType">The <c>Content-Type</c> header; null when unknown.</param>
    /// <param name="pageUrl">The page's absolute URL.</param>
    /// <param name="options">Reading options; null for <see cref="ReadOptions.Default"/>.</param>
    public static PageMeta Read(ReadOnlySpan<byte> body, string? contentType, Uri pageUrl, ReadOptions? options = null)
    {
        var decoded = CharsetDecoder.Decode(body, contentType);
        return Read(decoded, pageUrl, options);
    }

    /// <summary>Reads already decoded HTML, keeping how it was decoded in <see cref="PageMeta.Decoding"/>.</summary>
    public static PageMeta Read(DecodedHtml decoded, Uri pageUrl, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        return ReadCore(decoded.Text, pageUrl, options ?? ReadOptions.Default, decoded);
    }

    /// <summary>Reads <paramref name="html"/> as the page at <paramref name="pageUrl"/>.</summary>
    /// <param name="html">The document text.</param>
    /// <param name="pageUrl">The page's absolute URL: relative URLs resolve against <c>&lt;base href&gt;</c>, then it.</param>
    /// <param name="options">Reading options; null for <see cref="ReadOptions.Default"/>.</param>
    public static PageMeta Read(string html, Uri pageUrl, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        return ReadCore(html, pageUrl, options ?? ReadOptions.Default, null);
    }

    /// <summary>Reads <paramref name="html"/> with AngleSharp's asynchronous parser (the work is the same; for callers on async paths).</summary>
    public static async Task<PageMeta> ReadAsync(string html, Uri pageUrl, ReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(pageUrl);
        options ??= ReadOptions.Default;
        var parser = CreateParser(options);
        var head = options.ParseWholeDocument ? null : (await parser.ParseHeadAsync(html, cancellationToken).ConfigureAwait(false))?.Owner;
        using var document = head ?? await parser.ParseDocumentAsync(html, cancellationToken).ConfigureAwait(false);
        return Build(document, html, pageUrl, options, null, scanBody: head is not null && !options.HeadOnly);
    }

    private static PageMeta ReadCore(string html, Uri pageUrl, ReadOptions options, DecodedHtml? decoded)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        if (!pageUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The page URL must be absolute.", nameof(pageUrl));
        }

        var parser = CreateParser(options);
        var head = options.ParseWholeDocument ? null : parser.ParseHead(html)?.Owner;
        // ParseHead gives no head for a document without one: read the whole document then.
        using var document = head ?? parser.ParseDocument(html);
        return Build(document, html, pageUrl, options, decoded, scanBody: head is not null && !options.HeadOnly);
    }

    private static HtmlParser CreateParser(ReadOptions options) => new(
        new HtmlParserOptions
        {
            // The body scan starts where the head parse stopped, which only source references tell.
            IsKeepingSourceReferences = options.RecordPositions || !options.ParseWholeDocument,
            // Body text, comments and <style> carry nothing the reader needs; not building them saves time.
            SkipComments = true,
            SkipDataText = true,
            SkipRawText = true,
            SkipCDATA = true,
            SkipProcessingInstructions = true,
        },
        Context);

    private static PageMeta Build(IDocument document, string html, Uri pageUrl, ReadOptions options, DecodedHtml? decoded, bool scanBody)
    {
        var collector = new MetaCollector(pageUrl, options);
        collector.Walk(document.DocumentElement, inHead: false, inSvg: false);
        if (scanBody)
        {
            BodyScanner.Scan(html, collector.LastPosition, collector.LastPosition, collector);
        }

        var meta = collector.ToPageMeta(document.DocumentElement?.GetAttribute("lang"), html.Length, decoded);
        var best = BestValuesBuilder.Build(meta);
        meta = meta with { Best = best };
        return meta with { Previews = PreviewBuilder.BuildAll(meta) };
    }
}
