using System.ComponentModel.DataAnnotations;

namespace CardService.Functions.Preview;

/// <summary>The preview page's image endpoint: how long a signed image link lives and how long browsers keep the image.</summary>
public sealed class PreviewOptions : IValidatableObject
{
    public const string SectionName = "Preview";

    /// <summary>Base64 of at least 32 bytes signing image links; empty = a random key made at start (links die with the process).</summary>
    public string? ImageKey { get; set; }

    /// <summary>How long an image link on a preview page stays valid.</summary>
    [Range(1, 1440)]
    public int ImageLinkMinutes { get; set; } = 15;

    /// <summary>The <c>max-age</c> of a proxied image: short, so a fixed og:image shows on the next preview.</summary>
    [Range(0, 3600)]
    public int ImageCacheSeconds { get; set; } = 300;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(ImageKey))
        {
            yield break;
        }

        var bytes = new byte[ImageKey.Length];
        if (!Convert.TryFromBase64String(ImageKey, bytes, out var length) || length < 32)
        {
            yield return new ValidationResult($"{SectionName}:ImageKey must be base64 of at least 32 bytes.", [nameof(ImageKey)]);
        }
    }
}
