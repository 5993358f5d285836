using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CardService.Core.Meta;

namespace CardService.Functions.Preview;

/// <summary>
/// The what-if editor's one job: write a new title, description or image into a page's head, the way a blogger would edit
/// their template, so the edited page can be judged like any posted HTML.
/// </summary>
public static class HeadEditor
{
    // When the image changes, what the page declared about the old one no longer holds.
    private static readonly string[] OldImageFacts = ["og:image:width", "og:image:height", "og:image:type", "og:image:secure_url", "og:image:url"];

    /// <summary>
    /// Returns <paramref name="html"/> with each changed value written where platforms read it: the title in <c>&lt;title&gt;</c>,
    /// <c>og:title</c> and <c>twitter:title</c> (the last only when the page has one), likewise description and image.
    /// A field equal to its original is left as the page has it.
    /// </summary>
    public static string Apply(string html, EditValues edits, EditValues originals)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(edits);
        ArgumentNullException.ThrowIfNull(originals);
        using var document = new HtmlParser().ParseDocument(html);
        var head = document.Head ?? document.DocumentElement.AppendChild(document.CreateElement("head"));

        if (Changed(edits.Title, originals.Title) is { } title)
        {
            document.Title = title;
            Set(document, head, MetaNames.OgTitle, title, create: true);
            Set(document, head, MetaNames.TwitterTitle, title, create: false);
        }

        if (Changed(edits.Description, originals.Description) is { } description)
        {
            Set(document, head, MetaNames.Description, description, create: true);
            Set(document, head, MetaNames.OgDescription, description, create: true);
            Set(document, head, MetaNames.TwitterDescription, description, create: false);
        }

        if (Changed(edits.Image, originals.Image) is { } image)
        {
            foreach (var stale in OldImageFacts.SelectMany(key => Find(head, key)))
            {
                stale.Remove();
            }

            Set(document, head, MetaNames.OgImage, image, create: true);
            Set(document, head, MetaNames.TwitterImage, image, create: false);
        }

        return document.ToHtml();
    }

    private static string? Changed(string? edit, string? original) =>
        edit is not null && !string.Equals(edit.Trim(), original?.Trim() ?? "", StringComparison.Ordinal) ? edit.Trim() : null;

    private static void Set(IDocument document, INode head, string key, string value, bool create)
    {
        var found = Find(head, key).ToList();
        foreach (var meta in found)
        {
            meta.SetAttribute("content", value);
        }

        if (found.Count == 0 && create)
        {
            var meta = document.CreateElement("meta");
            meta.SetAttribute(key.Contains(':', StringComparison.Ordinal) && !key.StartsWith("twitter:", StringComparison.Ordinal) ? "property" : "name", key);
            meta.SetAttribute("content", value);
            head.AppendChild(meta);
        }
    }

    private static IEnumerable<IElement> Find(INode head, string key) =>
        ((IElement)head).QuerySelectorAll("meta").Where(m =>
            string.Equals(m.GetAttribute("property"), key, StringComparison.OrdinalIgnoreCase)
            || string.Equals(m.GetAttribute("name"), key, StringComparison.OrdinalIgnoreCase));
}
