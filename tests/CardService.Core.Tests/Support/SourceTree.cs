namespace CardService.Core.Tests.Support;

/// <summary>Finds files in the source tree (not bin/): goldens are committed there, and the shared corpus sits beside the repo.</summary>
internal static class SourceTree
{
    /// <summary>The folder holding CardService.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The Jekyll blog's post table in the shared corpus, beside the repository.</summary>
    public static string PostsTsv => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus", "jekyll-blog", "posts.tsv"));

    public static string GoldenFolder => Path.Combine(Root, "tests", "CardService.Core.Tests", "Cards", "Golden");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CardService.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CardService.sln in '{AppContext.BaseDirectory}' or any folder above it.");
    }
}
