using CardService.Cli.Commands;
using CardService.Cli.Tests.Support;
using CardService.Core.Signing;
using Microsoft.AspNetCore.WebUtilities;

namespace CardService.Cli.Tests.Commands;

/// <summary><c>cardservice sign</c> as a build step runs it: a real process, the key from the environment or <c>--key</c>.</summary>
public class SignCommandTests
{
    private const string Key = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    private static SignatureVerdict Verify(string url) => new CardUrlSigner(new SigningOptions { Keys = [Key] }).Verify(
        QueryHelpers.ParseQuery(new Uri(url).Query).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v!))));

    [Fact]
    public async Task Sign_KeyFromTheEnvironment_PrintsAUrlTheServerAccepts()
    {
        var run = await Tool.RunAsync(Path.GetTempPath(), new Dictionary<string, string> { [SignCommand.KeyVariable] = Key },
            "sign", "--server", "https://cards.example", "title=Hello, wörld", "category=Notes");

        Assert.Equal(0, run.ExitCode);
        var url = run.Stdout.Trim();
        Assert.StartsWith("https://cards.example/card?", url, StringComparison.Ordinal);
        Assert.Equal(SignatureVerdict.Valid, Verify(url));
    }

    [Fact]
    public async Task Sign_WithExpiry_SignsAnExpiryInTheFuture()
    {
        var run = await Tool.RunAsync(Path.GetTempPath(), "sign", "--server", "https://cards.example/card", "--key", Key, "--expires", "30d", "title=Soon");

        Assert.Equal(0, run.ExitCode);
        var exp = long.Parse(QueryHelpers.ParseQuery(new Uri(run.Stdout.Trim()).Query)["exp"].Single()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(exp > DateTimeOffset.UtcNow.AddDays(29).ToUnixTimeSeconds(), $"exp {exp}");
        Assert.Equal(SignatureVerdict.Valid, Verify(run.Stdout.Trim()));
    }

    [Fact]
    public async Task Sign_BadInput_PrintsEveryProblemAndExits2()
    {
        var run = await Tool.RunAsync(Path.GetTempPath(), "sign", "--server", "ftp://cards.example", "--key", "c2hvcnQ=", "--expires", "soon",
            "title", "sig=forged");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("error: server: 'ftp://cards.example' is not an http(s) address", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: parameters: 'title' is not name=value.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: parameters: 'sig' is written by this command", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: expires: 'soon'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: key: the key is 5 bytes; a key needs at least 32", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_NoKey_SaysWhereToPutIt()
    {
        var run = await Tool.RunAsync(Path.GetTempPath(), "sign", "--server", "https://cards.example", "title=Hello");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: key: give the server's signing key with --key or ${SignCommand.KeyVariable}.", run.Stderr, StringComparison.Ordinal);
    }
}
