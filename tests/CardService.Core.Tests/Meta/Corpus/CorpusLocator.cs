namespace CardService.Core.Tests.Meta.Corpus;

/// <summary>Finds <c>../shared/corpus/pages</c> next to the repository (the folder holding <c>CardService.sln</c>).</summary>
public static class CorpusLocator
{
    /// <summary>The pages folder; throws with the places it looked when it is missing (the corpus test must fail, not skip).</summary>
    public static string PagesDirectory(string? start = null)
    {
        var from = start ?? AppContext.BaseDirectory;
        var directory = new DirectoryInfo(from);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CardService.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new DirectoryNotFoundException($"No folder holding CardService.sln above '{from}', so '../shared/corpus/pages' cannot be found.");
        }

        var pages = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "corpus", "pages"));
        if (!Directory.Exists(pages))
        {
            throw new DirectoryNotFoundException($"The page corpus is missing: looked for '{pages}' (../shared/corpus/pages beside the repository root '{directory.FullName}').");
        }

        return pages;
    }
}
