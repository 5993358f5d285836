using CardService.Core.Fonts;

namespace CardService.Cli.SiteCards;

/// <summary>The font files cards are drawn with: the font folder and the brand fonts for titles and body text.</summary>
/// <param name="Directory">The folder of bundled fonts.</param>
/// <param name="Title">A brand font for titles (TTF, OTF or WOFF), or null.</param>
/// <param name="Body">A brand font for body text, or null.</param>
public sealed record FontFiles(string Directory, string? Title, string? Body)
{
    /// <summary>Every file with the name it is known by: the folder's files by name, the brand fonts by role, so swapping title and body is a change.</summary>
    public IEnumerable<(string Label, string Path)> All()
    {
        var folder = System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory) : [];
        foreach (var file in folder.Order(StringComparer.Ordinal))
        {
            yield return (System.IO.Path.GetFileName(file), file);
        }

        if (Title is not null)
        {
            yield return ("title-font", Title);
        }

        if (Body is not null)
        {
            yield return ("body-font", Body);
        }
    }

    /// <summary>The options a <see cref="FontRegistry"/> is made from.</summary>
    public FontOptions ToOptions() => new() { Directory = Directory, Title = Title, Body = Body };
}
