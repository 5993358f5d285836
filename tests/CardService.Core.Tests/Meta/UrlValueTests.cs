using CardService.Core.Meta;

namespace CardService.Core.Tests.Meta;

public sealed class UrlValueTests
{
    [Theory]
    [InlineData("https://example.com/a.png", true, false)]
    [InlineData("//cdn.example.com/a.png", false, true)]
    [InlineData("/a.png", false, false)]
    [InlineData("a.png", false, false)]
    [InlineData("data:image/png;base64,AA==", true, false)]
    public void IsAbsolute_RawValues_FollowsTheScheme(string raw, bool absolute, bool protocolRelative)
    {
        var sut = new UrlValue(raw, null);

        Assert.Equal((absolute, !absolute, protocolRelative), (sut.IsAbsolute, sut.IsRelative, sut.IsProtocolRelative));
    }

    [Fact]
    public void Value_Unresolvable_IsTheRawText()
    {
        var sut = new UrlValue("javascript:void(0)", null);

        Assert.Equal("javascript:void(0)", sut.Value);
    }
}
