using System.CommandLine;
using System.Text.Json.Nodes;
using CardService.Cli.Commands.Check;

namespace CardService.Cli.Tests.Commands.Check.Support;

/// <summary>What one <c>cardservice check</c> run printed and returned.</summary>
public sealed record CheckOutput(int ExitCode, string Stdout, string Stderr)
{
    public JsonNode Json => JsonNode.Parse(Stdout)!;
}

/// <summary>Runs <c>cardservice check</c> in process, as the tool's entry point parses it, with output captured.</summary>
public static class CheckCli
{
    public static async Task<CheckOutput> RunAsync(params string[] args) => await RunAsync(terminal: false, args);

    public static async Task<CheckOutput> RunAsync(bool terminal, params string[] args)
    {
        var result = new RootCommand { CheckCommand.Create() }.Parse(["check", .. args]);
        Assert.Empty(result.Errors);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CheckCommand.RunAsync(result, stdout, stderr, terminal, CancellationToken.None);
        return new CheckOutput(exit, stdout.ToString(), stderr.ToString());
    }
}
