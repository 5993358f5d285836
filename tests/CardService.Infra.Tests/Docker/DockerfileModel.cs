using CardService.Functions.Tests.Support;

namespace CardService.Infra.Tests.Docker;

/// <summary>One instruction of a Dockerfile, continuation lines joined.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Stage);

/// <summary>The repository's Dockerfile read into instructions, so tests can check it and run its publish step.</summary>
internal sealed record DockerfileModel(IReadOnlyList<DockerInstruction> Instructions)
{
    public static string PathInRepo => Path.Combine(RepoPaths.Root, "Dockerfile");

    public static DockerfileModel Read()
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var pending = string.Empty;
        foreach (var raw in File.ReadLines(PathInRepo))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            pending += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (line.EndsWith('\\'))
            {
                continue;
            }

            var keyword = pending.Split(' ', 2)[0].ToUpperInvariant();
            stage += keyword == "FROM" ? 1 : 0;
            instructions.Add(new DockerInstruction(keyword, pending.Split(' ', 2).ElementAtOrDefault(1)?.Trim() ?? string.Empty, stage));
            pending = string.Empty;
        }

        return new DockerfileModel(instructions);
    }

    public int FinalStage => Instructions.Max(i => i.Stage);

    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    /// <summary>The value an ENV instruction of the final stage sets.</summary>
    public string? Environment(string name) =>
        All("ENV").Where(i => i.Stage == FinalStage)
            .Select(i => i.Arguments.Split('=', 2))
            .LastOrDefault(p => p[0] == name)?[1];

    /// <summary>The arguments of the build stage's <c>dotnet publish</c> (from "publish" on), with <paramref name="targetArch"/> as TARGETARCH.</summary>
    public IReadOnlyList<string> PublishArguments(string targetArch)
    {
        var run = All("RUN").Single(i => i.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal));
        return run.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(a => a.Replace("\"", string.Empty, StringComparison.Ordinal).Replace("$TARGETARCH", targetArch, StringComparison.Ordinal))
            .ToList();
    }
}
