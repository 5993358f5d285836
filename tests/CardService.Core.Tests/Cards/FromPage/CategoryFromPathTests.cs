using CardService.Core.Cards.FromPage;

namespace CardService.Core.Tests.Cards.FromPage;

public class CategoryFromPathTests
{
    [Theory]
    [InlineData("https://blog.example/category/devops/my-post/", "devops")]
    [InlineData("https://blog.example/topics/machine-intelligence/x", "machine intelligence")]
    [InlineData("https://blog.michaellamb.dev/cluster-computing/2021/03/25/cluster-computing.html", "cluster computing")]
    public void Find_PathNamesACategory_ReturnsIt(string url, string expected) =>
        Assert.Equal(expected, CategoryFromPath.Find(new Uri(url)));

    [Theory]
    [InlineData("https://blog.michaellamb.dev/2021/03/hello-world/")]
    [InlineData("http://localhost:4000/2023/01/23/defi.html")]
    [InlineData("https://example.com/")]
    [InlineData("https://example.com/about")]
    public void Find_PathWithoutCategory_ReturnsNull(string url) =>
        Assert.Null(CategoryFromPath.Find(new Uri(url)));
}
