using CardService.Cli.Commands.Check;
using CardService.Cli.Tests.Commands.Check.Support;
using CardService.Core.Fetching;

namespace CardService.Cli.Tests.Commands.Check;

public sealed class BuiltSiteTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private BuiltSite CreateSut(string baseUrl = "https://blog.example/base/") => new(_folder.Path, new Uri(baseUrl));

    [Theory]
    [InlineData("index.html", "https://blog.example/base/")]
    [InlineData("2022/03/post/index.html", "https://blog.example/base/2022/03/post/")]
    [InlineData("2021/03/hello-world.html", "https://blog.example/base/2021/03/hello-world.html")]
    [InlineData("a b/index.html", "https://blog.example/base/a%20b/")]
    public void UrlOf_PagePath_IsWhereAStaticHostServesIt(string path, string expected)
    {
        Assert.Equal(expected, CreateSut().UrlOf(path).AbsoluteUri);
    }

    [Fact]
    public void PagePaths_NestedHtml_RelativeSortedAndOnlyHtml()
    {
        Write("b/index.html", "x");
        Write("a.html", "x");
        Write("feed.xml", "x");

        Assert.Equal(["a.html", "b/index.html"], CreateSut().PagePaths());
    }

    [Fact]
    public void ImageAt_CardInTheFolder_GivesWhatAStaticHostWouldServe()
    {
        Write("seo/card one.png", TestImagesPng());

        var facts = CreateSut().ImageAt(new Uri("https://BLOG.example/base/seo/card%20one.png"));

        Assert.NotNull(facts);
        Assert.Equal((200, "image/png", ImageFormats.Png, 1200, 630), (facts.Status, facts.ContentType, facts.Format, facts.Width, facts.Height));
        Assert.Equal(new FileInfo(_folder.File("seo/card one.png")).Length, facts.Bytes);
        Assert.Null(facts.Error);
    }

    [Theory]
    [InlineData("https://blog.example/base/seo/missing.png")]
    [InlineData("https://blog.example/base/seo/")]
    [InlineData("https://blog.example/base/..%2F..%2F..%2Fetc%2Fpasswd")]
    public void ImageAt_NoSuchFileInTheFolder_Answers404(string url)
    {
        Directory.CreateDirectory(_folder.File("seo"));

        Assert.Equal(404, CreateSut().ImageAt(new Uri(url))!.Status);
    }

    [Theory]
    [InlineData("https://cdn.example/base/seo/card.png")]
    [InlineData("https://blog.example/other/seo/card.png")]
    public void ImageAt_OffTheSite_IsNotAnswered(string url)
    {
        Assert.Null(CreateSut().ImageAt(new Uri(url)));
    }

    public void Dispose() => _folder.Dispose();

    private static byte[] TestImagesPng() => Core.Tests.Fetching.Support.TestImages.Png(1200, 630);

    private void Write(string path, string text) => Write(path, System.Text.Encoding.UTF8.GetBytes(text));

    private void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_folder.File(path))!);
        File.WriteAllBytes(_folder.File(path), bytes);
    }
}
