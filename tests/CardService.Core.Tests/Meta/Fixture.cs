using CardService.Core.Meta;

namespace CardService.Core.Tests.Meta;

/// <summary>Reads HTML fixtures from <c>Meta/Fixtures</c> (copied to the output folder).</summary>
internal static class Fixture
{
    public static readonly Uri PageUrl = new("https://example.com/posts/hello");

    public static string Html(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Meta", "Fixtures", name + ".html"));

    public static PageMeta Read(string name, ReadOptions? options = null) => MetaReader.Read(Html(name), PageUrl, options);
}
