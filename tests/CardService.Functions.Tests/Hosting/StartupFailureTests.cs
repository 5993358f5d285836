using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CardService.Functions.Tests.Hosting;

/// <summary>A misconfigured deployment stops at start, saying what is wrong, instead of serving errors.</summary>
public class StartupFailureTests
{
    private static async Task<(int ExitCode, string Output)> RunAppAsync(string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CardService.Functions.dll"), .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("Functions__Worker__HostEndpoint"); // set, the app would start as the Functions worker
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1)); // stops a hung test; not a timing assertion
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task App_PortNotANumber_ExitsNamingTheVariable()
    {
        var (exitCode, output) = await RunAppAsync([], ("PORT", "eighty"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("PORT is 'eighty'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_BadSigningAndRateLimitSettings_Exits2NamingEach()
    {
        var (exitCode, output) = await RunAppAsync([], ("PORT", "1"),
            ("Signing__Keys__0", Convert.ToBase64String(new byte[8])), ("RateLimits__TrustedProxies__0", "10.0.0.0/99"));

        Assert.Equal(2, exitCode);
        Assert.Contains("error: Signing:Keys:0 is 8 bytes; a key needs at least 32", output, StringComparison.Ordinal);
        Assert.Contains("RateLimits:TrustedProxies", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_SignaturesRequiredWithoutKeys_Exits2()
    {
        var (exitCode, output) = await RunAppAsync([], ("PORT", "1"), ("Signing__Required", "true"));

        Assert.Equal(2, exitCode);
        Assert.Contains("error: Signing:Required is true but Signing:Keys is empty", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_FontFolderMissing_ExitsNamingTheSetting()
    {
        var (exitCode, output) = await RunAppAsync([], ("PORT", "1"), ("Fonts__Directory", "/nonexistent/cardservice-fonts"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Fonts:Directory", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_BadSettings_PrintsEachProblemOnceAsASentenceAndExits2()
    {
        var (exitCode, output) = await RunAppAsync(["--Fetch:TimeoutSeconds=2"], ("PORT", "1"), ("CardCache__MaxBytes", "-1"));

        Assert.Equal(2, exitCode);
        Assert.Single(Regex.Matches(output, Regex.Escape("Fetch: ConnectTimeoutSeconds (5) exceeds TimeoutSeconds (2)")));
        Assert.Single(Regex.Matches(output, Regex.Escape("error: CardCache:MaxBytes: ")));
        NoStackTrace(output);
    }

    [Fact]
    public async Task App_BadStoreSettings_NameEachSettingAndExit2()
    {
        var (exitCode, output) = await RunAppAsync([], ("PORT", "1"), ("CardStore__Kind", "disk"), ("CardStore__TimeoutMilliseconds", "0"),
            ("Redis__Configuration", "localhost:6379,nosuchoption=1"));

        Assert.Equal(2, exitCode);
        Assert.Contains("error: CardStore:Kind: 'disk' is not a card store kind; use 'memory' or 'blob'.", output, StringComparison.Ordinal);
        Assert.Contains("error: CardStore:TimeoutMilliseconds: ", output, StringComparison.Ordinal);
        Assert.Contains("error: Redis:Configuration is not a StackExchange.Redis configuration string: ", output, StringComparison.Ordinal);
        NoStackTrace(output);
    }

    [Fact]
    public async Task App_BlobStoreWithoutAnAccount_SaysWhichSettingsAndExits2()
    {
        var (exitCode, output) = await RunAppAsync([], ("PORT", "1"), ("CardStore__Kind", "blob"), ("CardStore__Blob__Container", "Cards_1"));

        Assert.Equal(2, exitCode);
        Assert.Contains("CardStore:Blob:ConnectionString (e.g. Azurite) or CardStore:Blob:ServiceUri (managed identity)", output, StringComparison.Ordinal);
        Assert.Contains("CardStore:Blob:Container 'Cards_1' is not a container name", output, StringComparison.Ordinal);
        NoStackTrace(output);
    }

    [Fact]
    public async Task App_SettingNotANumber_NamesTheSettingAndExits2()
    {
        var (exitCode, output) = await RunAppAsync(["--Fetch:MaxRedirects=many"], ("PORT", "1"));

        Assert.Equal(2, exitCode);
        Assert.Single(Regex.Matches(output, Regex.Escape("'Fetch:MaxRedirects'")));
        NoStackTrace(output);
    }

    [Fact]
    public async Task App_PortNotANumber_ExitsWithOneLineAndNoStackTrace()
    {
        var (exitCode, output) = await RunAppAsync([], ("PORT", "65536"));

        Assert.Equal(2, exitCode);
        Assert.Equal("error: PORT is '65536'; it must be a TCP port between 1 and 65535.", output.Trim());
    }

    [Fact]
    public async Task App_NoRenderSlots_ExitsNamingTheSetting()
    {
        var (exitCode, output) = await RunAppAsync([], ("PORT", "1"), ("Rendering__MaxConcurrentRenders", "0"));

        Assert.Equal(2, exitCode);
        Assert.Contains("Rendering:MaxConcurrentRenders", output, StringComparison.Ordinal);
        NoStackTrace(output);
    }

    [Theory]
    [InlineData("67108864", "Rendering:ManagedHeapLimitBytes is 67108864, less than the caches may hold (188743680: CardCache:MaxBytes")]
    [InlineData("1048576", "Rendering:ManagedHeapLimitBytes: must be 0 (the runtime's limit) or at least 33554432")]
    public async Task App_ManagedHeapCapTooSmall_ExitsNamingTheSettings(string limit, string expected)
    {
        var (exitCode, output) = await RunAppAsync([], ("PORT", "1"), ("Rendering__ManagedHeapLimitBytes", limit));

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        NoStackTrace(output);
    }

    [Fact]
    public async Task App_BrandFontsThatDoNotLoad_ExitsNamingEachSettingAndFileAndExits2()
    {
        var notAFont = Path.GetTempFileName();
        var missing = Path.Combine(Path.GetTempPath(), "cardservice-no-such-font.woff");
        try
        {
            await File.WriteAllTextAsync(notAFont, "<svg xmlns='http://www.w3.org/2000/svg'/>");

            var (exitCode, output) = await RunAppAsync([], ("PORT", "1"), ("Fonts__Title", notAFont), ("Fonts__Body", missing));

            Assert.Equal(2, exitCode);
            Assert.Contains($"error: Fonts:Title: '{notAFont}' is not a TTF, OTF or WOFF font (its first bytes are no font signature).", output, StringComparison.Ordinal);
            Assert.Contains($"error: Fonts:Body: there is no font file at '{missing}'.", output, StringComparison.Ordinal);
            NoStackTrace(output);
        }
        finally
        {
            File.Delete(notAFont);
        }
    }

    private static void NoStackTrace(string output)
    {
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("OptionsValidationException", output, StringComparison.Ordinal);
    }
}
