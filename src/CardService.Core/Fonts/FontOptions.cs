using System.ComponentModel.DataAnnotations;

namespace CardService.Core.Fonts;

/// <summary>Where the renderer's fonts come from. Nothing is ever loaded from the system.</summary>
public sealed class FontOptions
{
    public const string SectionName = "Fonts";

    /// <summary>The folder holding the bundled fonts; defaults to <c>fonts/</c> beside the application.</summary>
    [Required]
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "fonts");
}
