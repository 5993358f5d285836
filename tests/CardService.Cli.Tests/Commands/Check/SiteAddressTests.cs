using CardService.Cli.Commands.Check;
using CardService.Cli.Tests.Commands.Check.Support;

namespace CardService.Cli.Tests.Commands.Check;

public sealed class SiteAddressTests : IDisposable
{
    private readonly TempFolder _site = new();

    [Theory]
    [InlineData("url: 'https://blog.michaellamb.dev'\ntitle: x", "https://blog.michaellamb.dev/")]
    [InlineData("title: x\nurl: https://example.org # the site\nbaseurl: \"/blog\"\n", "https://example.org/blog/")]
    [InlineData("baseurl: /docs\nurl: \"http://example.org/\"", "http://example.org/docs/")]
    [InlineData("baseURL = \"https://hugo.example/\"\ntitle = \"x\"", "https://hugo.example/")]
    [InlineData("baseURL: https://hugo.example/sub", "https://hugo.example/sub/")]
    public void Read_Config_GivesTheSiteAddress(string config, string expected)
    {
        Assert.Equal(new Uri(expected), SiteAddress.Read(config));
    }

    [Theory]
    [InlineData("title: x\n  url: https://nested.example")]
    [InlineData("url: /relative")]
    [InlineData("url: ftp://example.org")]
    [InlineData("")]
    public void Read_NoTopLevelHttpUrl_GivesNull(string config)
    {
        Assert.Null(SiteAddress.Read(config));
    }

    [Fact]
    public void Find_BuiltFolderInsideTheSource_ReadsTheConfigBesideIt()
    {
        Directory.CreateDirectory(_site.File("_site"));
        File.WriteAllText(_site.File("_config.yml"), "url: https://blog.example\n");

        var found = SiteAddress.Find(_site.File("_site"));

        Assert.Equal((new Uri("https://blog.example/"), _site.File("_config.yml")), found);
    }

    [Fact]
    public void Find_NoConfig_GivesNull()
    {
        Directory.CreateDirectory(_site.File("public"));

        Assert.Null(SiteAddress.Find(_site.File("public")));
    }

    public void Dispose() => _site.Dispose();
}
