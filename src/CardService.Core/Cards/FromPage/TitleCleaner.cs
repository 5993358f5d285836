using CardService.Core.Meta;

namespace CardService.Core.Cards.FromPage;

/// <summary>
/// Turns a page's <c>&lt;title&gt;</c> into a card title by removing the site's name where the page
/// wrote it as a prefix or suffix (<c>Post | Site</c>, <c>Site - Post</c>, <c>Post – Site</c>).
/// </summary>
public static class TitleCleaner
{
    /// <summary>
    /// Removes the site's name from <paramref name="title"/>. The name is recognised when it equals
    /// <paramref name="siteName"/> or looks like <paramref name="host"/> (e.g. <c>blog.example.dev</c> or
    /// <c>Example</c> for <c>www.example.com</c>). A title that is only the site's name is kept.
    /// </summary>
    public static string StripSiteName(string title, string? siteName, string? host)
    {
        ArgumentNullException.ThrowIfNull(title);
        foreach (var (post, site) in TitleParts.Splits(title))
        {
            if (TitleParts.IsSiteName(site, siteName, host))
            {
                return post;
            }
        }

        return title.Trim();
    }
}
