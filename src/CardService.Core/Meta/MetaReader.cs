using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CardService.Core.Fetching;

namespace CardService.Core.Meta;

/// <summary>
/// Reads a page into a <see cref="PageMeta"/> with AngleSharp. The whole document is parsed by default so
/// tags misplaced in body are still seen (and flagged with <c>InHead = false</c>); <see cref="ReadOptions.HeadOnly"/>
/// stops after <c>&lt;/head&gt;</c> as crawlers effectively do.
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
        var document = options.HeadOnly
            ? (await parser.ParseHeadAsync(html, cancellationToken).ConfigureAwait(false))?.Owner
            : null;
        document ??= await parser.ParseDocumentAsync(html, cancellationToken).ConfigureAwait(false);
        using (document)
        {
            return Build(document, html.Length, pageUrl, options, null);
        }
    }

    private static PageMeta ReadCore(string html, Uri pageUrl, ReadOptions options, DecodedHtml? decoded)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        if (!pageUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The page URL must be absolute.", nameof(pageUrl));
        }

        var parser = CreateParser(options);
        // ParseHead gives no head for a document without one: read the whole document then.
        var document = (options.HeadOnly ? parser.ParseHead(html)?.Owner : null) ?? parser.ParseDocument(html);
        using (document)
        {
            return Build(document, html.Length, pageUrl, options, decoded);
        }
    }

    private static HtmlParser CreateParser(ReadOptions options) => new(
        new HtmlParserOptions
        {
            IsKeepingSourceReferences = options.RecordPositions,
            // Body text, comments and <style> carry nothing the reader needs; not building them saves time.
            SkipComments = true,
            SkipDataText = true,
            SkipRawText = true,
            SkipCDATA = true,
            SkipProcessingInstructions = true,
        },
        Context);

    private static PageMeta Build(IDocument document, int length, Uri pageUrl, ReadOptions options, DecodedHtml? decoded)
    {
        var collector = new MetaCollector(pageUrl, options);
        collector.Walk(document.DocumentElement, inHead: false, inSvg: false);
        var meta = collector.ToPageMeta(document.DocumentElement?.GetAttribute("lang"), length, decoded);
        var best = BestValuesBuilder.Build(meta);
        meta = meta with { Best = best };
        return meta with { Previews = PreviewBuilder.BuildAll(meta) };
    }
}
