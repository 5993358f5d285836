using System.Text;

namespace CardService.Cli.SiteCards;

/// <summary>
/// Adds <c>image:</c> and <c>image_alt:</c> to a post's front matter as two new lines just above its closing fence,
/// in the file's own line endings. Every other byte (BOM, comments, key order, quoting) stays as it was.
/// </summary>
public static class FrontMatterWriter
{
    /// <summary>The file's bytes with the two keys added; null when the post has no front matter to add them to.</summary>
    public static byte[]? WithImage(byte[] original, FrontMatter frontMatter, string imageUrl, string alt)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(frontMatter);
        if (frontMatter.Syntax == FrontMatterSyntax.None || frontMatter.ClosingFenceOffset < 0)
        {
            return null;
        }

        var nl = frontMatter.NewLine;
        var lines = frontMatter.Syntax == FrontMatterSyntax.Toml
            ? $"image = {Quote(imageUrl)}{nl}image_alt = {Quote(alt)}{nl}"
            : $"image: {Quote(imageUrl)}{nl}image_alt: {Quote(alt)}{nl}";
        var added = Encoding.UTF8.GetBytes(lines);
        var offset = frontMatter.ClosingFenceOffset;
        return [.. original.AsSpan(0, offset), .. added, .. original.AsSpan(offset)];
    }

    // A double-quoted string means the same in YAML and TOML once backslash, quote and control characters are escaped.
    private static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append(@"\\"),
                '\n' => quoted.Append("\\n"),
                '\r' => quoted.Append("\\r"),
                '\t' => quoted.Append("\\t"),
                _ when char.IsControl(c) => quoted.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
