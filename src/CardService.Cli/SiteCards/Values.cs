namespace CardService.Cli.SiteCards;

/// <summary>Reads the loosely typed values of front matter and site configuration the ways generators accept them.</summary>
internal static class Values
{
    public static string? Text(IReadOnlyDictionary<string, object?> values, string key) =>
        values.TryGetValue(key, out var value) && value is string text && text.Trim().Length > 0 ? text.Trim() : null;

    /// <summary>A scalar, or the first item of a list; a space-separated string counts as a list (Jekyll's <c>categories: a b</c>).</summary>
    public static string? First(IReadOnlyDictionary<string, object?> values, string key, bool splitWords = false) =>
        values.TryGetValue(key, out var value) ? value switch
        {
            string text when splitWords => text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(),
            string text => text.Trim().Length > 0 ? text.Trim() : null,
            IEnumerable<object?> list => list.OfType<string>().Select(s => s.Trim()).FirstOrDefault(s => s.Length > 0),
            _ => null,
        } : null;

    /// <summary>An author: a name, a map with <c>name</c>, or the first of a list of either.</summary>
    public static string? Name(IReadOnlyDictionary<string, object?> values, string key) =>
        values.TryGetValue(key, out var value) ? NameOf(value) : null;

    /// <summary>An image: a path or URL, or a map with <c>path</c> (jekyll-seo-tag's <c>image: {path: …}</c>).</summary>
    public static string? ImagePath(IReadOnlyDictionary<string, object?> values, string key) =>
        values.TryGetValue(key, out var value) ? value switch
        {
            string text => text.Trim().Length > 0 ? text.Trim() : null,
            IReadOnlyDictionary<string, object?> map => Text(map, "path"),
            IEnumerable<object?> list => list.OfType<string>().FirstOrDefault(),
            _ => null,
        } : null;

    /// <summary>A map under <paramref name="key"/>, or an empty one.</summary>
    public static IReadOnlyDictionary<string, object?> Map(IReadOnlyDictionary<string, object?> values, string key) =>
        values.TryGetValue(key, out var value) && value is IReadOnlyDictionary<string, object?> map ? map : new Dictionary<string, object?>();

    /// <summary>A YAML or TOML boolean written as text.</summary>
    public static bool? Flag(IReadOnlyDictionary<string, object?> values, string key) =>
        Text(values, key)?.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => null,
        };

    private static string? NameOf(object? value) => value switch
    {
        string text => text.Trim().Length > 0 ? text.Trim() : null,
        IReadOnlyDictionary<string, object?> map => Text(map, "name"),
        IEnumerable<object?> list => list.Select(NameOf).FirstOrDefault(n => n is not null),
        _ => null,
    };
}
