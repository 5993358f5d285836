using System.ComponentModel.DataAnnotations;

namespace CardService.Core.Fonts;

/// <summary>Where the renderer's fonts come from. Nothing is ever loaded from the system.</summary>
public sealed class FontOptions
{
    public const string SectionName = "Fonts";

    /// <summary>The folder holding the bundled fonts; defaults to <c>fonts/</c> beside the application.</summary>
    [Required]
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "fonts");

    /// <summary>
    /// A brand font (a TTF, OTF or WOFF file) for the card's bold text, the title and the category label, tried before
    /// the bundled faces; a character it lacks falls back to them. Null: the bundled Inter Bold.
    /// </summary>
    public string? Title { get; set; }

    /// <summary>A brand font for the regular text (description, site name, author, date), like <see cref="Title"/>. Null: Inter Regular.</summary>
    public string? Body { get; set; }
}
