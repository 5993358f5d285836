namespace CardService.Functions.Tests.Support;

/// <summary>Finds the repository (the folder holding CardService.sln) and the shared folder beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.Combine(Path.GetDirectoryName(Root)!, "shared") is var shared && Directory.Exists(Path.Combine(shared, "schemas"))
        ? shared
        : throw new DirectoryNotFoundException($"Expected the shared folder (schemas, corpus) at '{shared}', beside the repository.");

    public static string FunctionsProject => Path.Combine(Root, "src", "CardService.Functions");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CardService.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No CardService.sln above '{AppContext.BaseDirectory}'.");
    }
}
