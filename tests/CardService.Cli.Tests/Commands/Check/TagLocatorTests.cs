using System.Collections.Immutable;
using CardService.Cli.Commands.Check;
using CardService.Core.Validation;

namespace CardService.Cli.Tests.Commands.Check;

public sealed class TagLocatorTests
{
    private const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <title>One</title>
          <meta property="og:title" content="First">
        <meta property="og:title" content="Second">
        <meta property="og:image" content="https://blog.example/card.png">
        <link rel="shortcut icon" href="/favicon.ico">
        <link rel="icon" href="/favicon.png">
        <link rel="apple-touch-icon-precomposed" href="/touch.png">
        </head>
        <body></body>
        </html>
        """;

    [Theory]
    [InlineData("og-image-unreachable", null, 7, 1)]
    [InlineData("og-title-multiple", "Second", 6, 1)]
    [InlineData("icon-unreachable", "/favicon.png", 9, 1)]
    [InlineData("icon-not-image", "/touch.png", 10, 1)]
    [InlineData("icon-unreachable", null, 8, 1)]
    [InlineData("apple-touch-icon-too-small", "/touch.png", 10, 1)]
    [InlineData("og-title-multiple", null, 5, 3)]
    [InlineData("title-too-long", null, 4, 1)]
    [InlineData("og-description-missing", null, 3, 1)]
    [InlineData("lang-invalid", "en", 2, 1)]
    public void Locate_Finding_GivesTheLineAndColumnOfItsTag(string ruleId, string? value, int line, int column)
    {
        var sut = new TagLocator(Html);

        var position = sut.Locate(new Finding(ruleId, Severity.Warning, ImmutableArray.Create(Platform.All), "m", "f", "https://s.example", value));

        Assert.Equal(new TagPosition(line, column), position);
    }

    [Fact]
    public void IsRedirectStub_MetaRefresh_IsTrueOnlyThen()
    {
        Assert.True(new TagLocator("<html><meta http-equiv=\"Refresh\" content=\"0; url=/x\"></html>").IsRedirectStub);
        Assert.False(new TagLocator(Html).IsRedirectStub);
    }
}
