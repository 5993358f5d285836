using System.Globalization;
using System.Text.RegularExpressions;
using CardService.Core.Cards;

namespace CardService.Cli.SiteCards;

/// <summary>Card options that are not a post's own text: from flags, <c>cardservice.yml</c>, or a post's <c>card:</c> map.</summary>
public sealed record CardLook(string? Theme = null, string? Accent = null, string? Logo = null, string? Background = null, string? Size = null, string? Template = null)
{
    /// <summary>These options, with <paramref name="fallback"/>'s where these have none.</summary>
    public CardLook Over(CardLook fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new(Theme ?? fallback.Theme, Accent ?? fallback.Accent, Logo ?? fallback.Logo, Background ?? fallback.Background, Size ?? fallback.Size, Template ?? fallback.Template);
    }

    internal static CardLook From(IReadOnlyDictionary<string, object?> map) =>
        new(Values.Text(map, "theme"), Values.Text(map, "accent"), Values.Text(map, "logo"), Values.Text(map, "background"), Values.Text(map, "size"), Values.Text(map, "template"));
}

/// <summary>One post as <c>cardservice cards</c> sees it: the card's text, its date and slug, and the image it names.</summary>
/// <param name="File">The post's path relative to the site root.</param>
/// <param name="FrontMatter">Its front matter, with where to add keys.</param>
/// <param name="Fields">The card's text: title, category, subtitle, author, site name, date as shown.</param>
/// <param name="Date">The post's date (front matter, else file name).</param>
/// <param name="Slug">The post's slug (front matter, else file name).</param>
/// <param name="Image">The <c>image:</c> it names (a path or URL), or null.</param>
/// <param name="Look">The post's own <c>card:</c> options.</param>
public sealed record Post(string File, FrontMatter FrontMatter, CardFields Fields, DateOnly? Date, string Slug, string? Image, CardLook Look);

/// <summary>Why a post that was read gets no card.</summary>
public enum PostSkip
{
    /// <summary>It gets its card.</summary>
    None,

    /// <summary><c>published: false</c>, or Hugo's <c>draft: true</c>.</summary>
    Unpublished,

    /// <summary><c>card: false</c>: its author wants no card made (a page with its own image, a link post).</summary>
    OptedOut,
}

/// <summary>Reads a post's front matter into a <see cref="Post"/>, the way the generators read it.</summary>
public static partial class PostReader
{
    /// <summary>The post, or why it gets no card (<see cref="PostSkip"/>), or why it cannot be read.</summary>
    public static (Post? Post, PostSkip Skip, CardProblem? Problem) Read(Site site, string relativePath, byte[] bytes, string dateFormat)
    {
        ArgumentNullException.ThrowIfNull(site);
        var result = FrontMatterReader.Read(bytes);
        if (result.FrontMatter is not { } frontMatter)
        {
            return (null, PostSkip.None, CardProblem.Error(relativePath, result.Line, result.Error!));
        }

        var values = frontMatter.Values;
        if (Values.Flag(values, "published") == false || Values.Flag(values, "draft") == true)
        {
            return (null, PostSkip.Unpublished, null);
        }

        if (Values.Flag(values, "card") == false)
        {
            return (null, PostSkip.OptedOut, null);
        }

        var (fileDate, fileSlug) = FromFileName(relativePath);
        var date = ParseDate(Values.Text(values, "date")) ?? fileDate;
        var slug = Values.Text(values, "slug") ?? fileSlug;
        var title = Values.Text(values, "title");
        CardProblem? warning = null;
        if (title is null)
        {
            // Jekyll titles such a post from its file name; so does its card.
            title = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(slug.Replace('-', ' ').Replace('_', ' '));
            warning = CardProblem.Warning(relativePath, 1, $"No title: the card says '{title}', made from the file name.");
        }

        var fields = new CardFields
        {
            Title = title,
            Category = Values.First(values, "category") ?? Values.First(values, "categories", splitWords: true) ?? Values.First(values, "tags", splitWords: true),
            Description = Values.Text(values, "subtitle") ?? Values.Text(values, "description"),
            Author = Values.Name(values, "author") ?? site.Info.Author,
            SiteName = site.Info.Name,
            Date = date?.ToString(dateFormat, CultureInfo.InvariantCulture),
        };
        var image = Values.ImagePath(values, "image") ?? Values.First(values, "images");
        var post = new Post(relativePath, frontMatter, fields, date, slug, image, CardLook.From(Values.Map(values, "card")));
        return (post, PostSkip.None, warning);
    }

    /// <summary>The calendar date a front-matter date starts with (<c>2025-02-21</c>, <c>'2025-09-30 00:00:00'</c>, <c>2026-07-07 09:00:00 -0500</c>).</summary>
    public static DateOnly? ParseDate(string? value) =>
        value is not null && LeadingDate().Match(value.Trim().Trim('\'', '"')) is { Success: true } match
        && DateOnly.TryParseExact(match.Value, "yyyy-M-d", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    // Jekyll names posts YYYY-MM-DD-slug.md; Hugo's page bundles are slug/index.md.
    private static (DateOnly? Date, string Slug) FromFileName(string relativePath)
    {
        var stem = Path.GetFileNameWithoutExtension(relativePath);
        if (stem == "index" && Path.GetFileName(Path.GetDirectoryName(relativePath)) is { Length: > 0 } folder)
        {
            stem = folder;
        }

        var match = DatedName().Match(stem);
        return match.Success ? (ParseDate(match.Groups[1].Value), match.Groups[2].Value) : (null, stem);
    }

    [GeneratedRegex(@"^\d{4}-\d{1,2}-\d{1,2}", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingDate();

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})-(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex DatedName();
}
