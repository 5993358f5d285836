namespace CardService.Core.Cards;

/// <summary>How a template's text lines up: from the start edge (left, or right in a right-to-left card) or centred.</summary>
public enum TemplateAlignment
{
    Start,
    Centre,
}

/// <summary>Where a template puts the title group between the category and the footer.</summary>
public enum TemplateAnchor
{
    /// <summary>Centred in the free space.</summary>
    Middle,

    /// <summary>Just above the footer, so a photo shows above the text.</summary>
    Bottom,
}

/// <summary>What a template does with the spec's background image.</summary>
public enum TemplateImage
{
    /// <summary>Under an even wash of the theme's background colour (the image is a texture).</summary>
    Wash,

    /// <summary>Full-bleed photo under a scrim that darkens toward the text, so the photo shows and the text reads.</summary>
    Photo,

    /// <summary>A hero panel beside the text (landscape) or above it (square, portrait); the accent fills it when there is no image.</summary>
    Panel,
}

/// <summary>A template is data, like a theme: the one layout routine reads these choices.</summary>
public sealed record CardTemplate(string Name, TemplateAlignment Alignment, TemplateAnchor Anchor, TemplateImage Image, string Summary);

/// <summary>The built-in templates.</summary>
public static class CardTemplates
{
    public const string DefaultName = "classic";

    private static readonly Dictionary<string, CardTemplate> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["classic"] = new("classic", TemplateAlignment.Start, TemplateAnchor.Middle, TemplateImage.Wash,
            "Category on top, title in the middle, logo and site name in the footer."),
        ["centered"] = new("centered", TemplateAlignment.Centre, TemplateAnchor.Middle, TemplateImage.Wash,
            "Everything centred; the byline sits above the logo and site name."),
        ["photo"] = new("photo", TemplateAlignment.Start, TemplateAnchor.Bottom, TemplateImage.Photo,
            "The background image full-bleed under a scrim; the text at the bottom."),
        ["split"] = new("split", TemplateAlignment.Start, TemplateAnchor.Middle, TemplateImage.Panel,
            "The background image as a hero panel beside the text (above it on square and tall cards)."),
    };

    /// <summary>Names of every built-in template, for error messages and the API description.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static CardTemplate Default => ByName[DefaultName];

    public static bool TryGet(string name, out CardTemplate template) => ByName.TryGetValue(name, out template!);
}
