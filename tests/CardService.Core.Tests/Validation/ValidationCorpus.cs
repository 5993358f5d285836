using System.Text.Json;
using CardService.Core.Fetching;
using CardService.Core.Meta;
using CardService.Core.Tests.Meta.Corpus;

namespace CardService.Core.Tests.Validation;

/// <summary>The real pages in <c>../shared/corpus/pages</c> (beside the folder holding <c>CardService.sln</c>), read from their bytes.</summary>
public static class ValidationCorpus
{
    /// <summary>The pages folder; throws saying where it looked when it is missing, so corpus tests fail rather than pass empty.</summary>
    public static string PagesDirectory() => CorpusLocator.PagesDirectory();

    /// <summary>Every case name (an <c>.html</c> with its <c>.expected.json</c>).</summary>
    public static IReadOnlyList<string> Cases() =>
        [.. Directory.GetFiles(PagesDirectory(), "*.html").Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal)];

    /// <summary>Reads one case: bytes decoded with <see cref="CharsetDecoder"/>, read as its <c>page_url</c>.</summary>
    public static PageMeta Read(string name)
    {
        var directory = PagesDirectory();
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, name + ".expected.json")));
        var pageUrl = new Uri(expected.RootElement.GetProperty("page_url").GetString()!);
        var bytes = File.ReadAllBytes(Path.Combine(directory, name + ".html"));
        return MetaReader.Read(CharsetDecoder.Decode(bytes, null), pageUrl);
    }
}
