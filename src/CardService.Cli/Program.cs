using System.CommandLine;
using CardService.Cli.Commands;
using CardService.Cli.Commands.Check;
using CardService.Cli.Diagnostics;

RunTrace.Mark("main");

var root = new RootCommand("cardservice: social cards and SEO checks for a blog's build step.")
{
    CardCommand.Create(),
    CardsCommand.Create(),
    CheckCommand.Create(),
    SignCommand.Create(),
};

var result = root.Parse(args);
if (result.Errors.Count > 0)
{
    // Bad input exits 2 with one "error:" line per problem, the same as a command's own checks.
    foreach (var error in result.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Run 'cardservice --help' for usage.");
    return CardCommand.BadInput;
}

try
{
    return await result.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is not OperationCanceledException)
{
    // A bug, not bad input: one line, no stack trace, no exception type.
    Console.Error.WriteLine($"error: cardservice stopped on an internal error: {e.Message}");
    return CardCommand.InternalError;
}
