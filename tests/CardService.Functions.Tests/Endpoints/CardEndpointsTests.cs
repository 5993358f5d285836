using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CardService.Functions.Tests.Support;
using SkiaSharp;

namespace CardService.Functions.Tests.Endpoints;

public class CardEndpointsTests(CardServiceFactory factory) : IClassFixture<CardServiceFactory>
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static Uri Url(string relative) => new(relative, UriKind.Relative);

    private static async Task<byte[]> ReadImageAsync(HttpResponseMessage response, string contentType, int width, int height)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        return bytes;
    }

    [Fact]
    public async Task Get_TitleAndCategory_AnswersA1200x630Png()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(Url("/card?title=Hello%20world&category=Notes"));

        var bytes = await ReadImageAsync(response, "image/png", 1200, 630);
        Assert.Equal(PngSignature, bytes[..8]);
    }

    [Fact]
    public async Task Get_Always_SendsImmutableCacheHeadersEtagAndMissingGlyphCount()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(Url("/card?title=Cache%20me"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cacheControl = response.Headers.CacheControl!;
        Assert.True(cacheControl.Public);
        Assert.Equal(TimeSpan.FromSeconds(31536000), cacheControl.MaxAge);
        Assert.Contains(cacheControl.Extensions, e => e.Name == "immutable");
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Equal("0", Assert.Single(response.Headers.GetValues("X-Card-Missing-Glyphs")));
    }

    [Theory]
    [InlineData("centered")]
    [InlineData("photo")]
    [InlineData("split")]
    public async Task Get_Template_DrawsItsOwnCardWithItsOwnETag(string template)
    {
        using var client = factory.CreateClient();
        const string query = "/card?title=Templates%20are%20data&category=Design";

        using var classic = await client.GetAsync(Url(query));
        using var templated = await client.GetAsync(Url(query + "&template=" + template));
        using var classicNamed = await client.GetAsync(Url(query + "&template=classic"));

        var classicBytes = await ReadImageAsync(classic, "image/png", 1200, 630);
        var templatedBytes = await ReadImageAsync(templated, "image/png", 1200, 630);
        Assert.NotEqual(classic.Headers.ETag, templated.Headers.ETag);
        Assert.NotEqual(classicBytes, templatedBytes);
        // classic is the default: naming it is the same card.
        Assert.Equal(classic.Headers.ETag, classicNamed.Headers.ETag);
    }

    [Theory]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("jpg", "image/jpeg")]
    [InlineData("webp", "image/webp")]
    [InlineData("PNG", "image/png")]
    public async Task Get_Format_AnswersThatMediaType(string format, string contentType)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(Url($"/card?title=Formats&format={format}"));

        await ReadImageAsync(response, contentType, 1200, 630);
    }

    [Theory]
    [InlineData("size=1080x1080", 1080, 1080)]
    [InlineData("size=1200x600", 1200, 600)]
    [InlineData("size=640x320", 640, 320)]
    [InlineData("width=800&height=400", 800, 400)]
    public async Task Get_SizeOrWidthHeight_RendersThatSize(string query, int width, int height)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(Url($"/card?title=Sizes&{query}"));

        await ReadImageAsync(response, "image/png", width, height);
    }

    [Fact]
    public async Task Get_AccentWithEncodedHashOrBare_SameCard()
    {
        using var client = factory.CreateClient();

        using var hashed = await client.GetAsync(Url("/card?title=Accent&accent=%23FF8800"));
        using var bare = await client.GetAsync(Url("/card?title=Accent&accent=ff8800"));

        Assert.Equal(HttpStatusCode.OK, hashed.StatusCode);
        Assert.Equal(hashed.Headers.ETag, bare.Headers.ETag);
    }

    [Fact]
    public async Task Get_AliasesSubtitleAndSite_MeanDescriptionAndSiteName()
    {
        using var client = factory.CreateClient();

        using var aliased = await client.GetAsync(Url("/card?title=A&subtitle=B&site=example.com"));
        using var named = await client.GetAsync(Url("/card?title=A&description=B&siteName=example.com"));

        Assert.Equal(HttpStatusCode.OK, aliased.StatusCode);
        Assert.Equal(named.Headers.ETag, aliased.Headers.ETag);
    }

    [Fact]
    public async Task Get_ThemeInAnyCase_SameCard()
    {
        using var client = factory.CreateClient();

        using var upper = await client.GetAsync(Url("/card?title=Theme&theme=LIGHT"));
        using var lower = await client.GetAsync(Url("/card?title=Theme&theme=light"));

        Assert.Equal(HttpStatusCode.OK, upper.StatusCode);
        Assert.Equal(lower.Headers.ETag, upper.Headers.ETag);
    }

    [Fact]
    public async Task Head_SameAsGet_HeadersWithoutBody()
    {
        using var client = factory.CreateClient();
        using var get = await client.GetAsync(Url("/card?title=Head"));

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url("/card?title=Head")));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal("image/png", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal("0", Assert.Single(head.Headers.GetValues("X-Card-Missing-Glyphs")));
    }

    [Fact]
    public async Task Post_JsonBody_AnswersTheSameCardAsGet()
    {
        using var client = factory.CreateClient();
        using var get = await client.GetAsync(Url("/card?title=Posted&category=News&theme=light&size=1080x1080&format=webp"));

        using var post = await client.PostAsJsonAsync(Url("/card"),
            new { title = "Posted", category = "News", theme = "light", size = "1080x1080", format = "webp" });

        await ReadImageAsync(post, "image/webp", 1080, 1080);
        Assert.Equal(get.Headers.ETag, post.Headers.ETag);
        Assert.NotNull(post.Headers.CacheControl);
    }

    [Fact]
    public async Task Post_WidthAndHeightNumbers_RendersThatSize()
    {
        using var client = factory.CreateClient();

        using var post = await client.PostAsJsonAsync(Url("/card"), new { title = "Numbers", width = 600, height = 300, unknownField = true });

        await ReadImageAsync(post, "image/png", 600, 300);
    }

    [Theory]
    [InlineData("")]
    [InlineData("W/")]
    public async Task Get_IfNoneMatchSameTag_Answers304WithEtag(string prefix)
    {
        using var client = factory.CreateClient();
        using var first = await client.GetAsync(Url("/card?title=Conditional"));
        var etag = first.Headers.ETag!.Tag;

        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/card?title=Conditional"));
        request.Headers.TryAddWithoutValidation("If-None-Match", $"\"other\", {prefix}{etag}");
        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag!.Tag);
        Assert.NotNull(second.Headers.CacheControl);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_IfNoneMatchStar_Answers304()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/card?title=Star"));
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Get_IfNoneMatchOtherTag_Answers200()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/card?title=Changed"));
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"0123\"");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/card?category=Notes", "title")]
    [InlineData("/card?title=%20%20", "title")]
    [InlineData("/card?title=x&theme=neon", "theme")]
    [InlineData("/card?title=x&template=poster", "template")]
    [InlineData("/card?title=x&logo=data:image/svg%2Bxml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=", "logo")]
    [InlineData("/card?title=x&accent=%23ggg", "accent")]
    [InlineData("/card?title=x&accent=12345", "accent")]
    [InlineData("/card?title=x&width=100", "width")]
    [InlineData("/card?title=x&height=5000", "height")]
    [InlineData("/card?title=x&width=abc", "width")]
    [InlineData("/card?title=x&height=12.5", "height")]
    [InlineData("/card?title=x&size=5000x5000", "size")]
    [InlineData("/card?title=x&size=big", "size")]
    [InlineData("/card?title=x&size=1080x1080&width=500", "size")]
    [InlineData("/card?title=x&format=gif", "format")]
    [InlineData("/card?title=x&logo=file:///etc/passwd", "logo")]
    [InlineData("/card?title=x&background=/etc/passwd", "background")]
    public async Task Get_BadField_Answers400ProblemNamingTheField(string url, string field)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(Url(url));

        await ProblemAssert.IsFieldErrorAsync(response, "invalid-card", field);
    }

    [Fact]
    public async Task Get_TitleOver300Characters_Answers400NamingTitle()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(Url("/card?title=" + new string('a', 301)));

        var problem = await ProblemAssert.IsFieldErrorAsync(response, "invalid-card", "title");
        Assert.Contains("300", problem.GetProperty("errors").GetProperty("title")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SeveralBadFields_NamesEveryOne()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(Url("/card?theme=neon&format=gif&width=abc"));

        var problem = await ProblemAssert.IsFieldErrorAsync(response, "invalid-card", "title");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("theme", out _));
        Assert.True(errors.TryGetProperty("format", out _));
        Assert.True(errors.TryGetProperty("width", out _));
    }

    [Fact]
    public async Task Head_BadField_Answers400WithoutBody()
    {
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url("/card?theme=neon")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"category":"x"}""", "title")]
    [InlineData("""{"title":"x","theme":"neon"}""", "theme")]
    [InlineData("""{"title":"x","template":"poster"}""", "template")]
    [InlineData("""{"title":"x","accent":"blue"}""", "accent")]
    [InlineData("""{"title":"x","width":199}""", "width")]
    [InlineData("""{"title":"x","format":"bmp"}""", "format")]
    public async Task Post_BadField_Answers400ProblemNamingTheField(string json, string field)
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(Url("/card"), new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsFieldErrorAsync(response, "invalid-card", field);
    }

    [Theory]
    [InlineData("""{"title": "x" """, "body")]
    [InlineData("""not json""", "body")]
    [InlineData("""{"title":"x","width":"wide"}""", "width")]
    [InlineData("""{"title":["a"]}""", "title")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""null""", "body")]
    public async Task Post_MalformedJson_Answers400NamingBodyOrField(string json, string field)
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(Url("/card"), new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsFieldErrorAsync(response, "malformed-json", field);
    }

    [Fact]
    public async Task Post_EmptyBody_Answers400()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(Url("/card"), new StringContent("", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsFieldErrorAsync(response, "malformed-json", "body");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Post_NotJson_Answers415Problem(string contentType)
    {
        using var client = factory.CreateClient();
        using var content = new StringContent("""{"title":"x"}""");
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        using var response = await client.PostAsync(Url("/card"), content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Post_NoContentType_Answers415Problem()
    {
        using var client = factory.CreateClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"title":"x"}"""));

        using var response = await client.PostAsync(Url("/card"), content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Answers413Problem()
    {
        using var client = factory.CreateClient();
        var logo = "data:image/png;base64," + new string('A', 3 * 1024 * 1024);

        using var content = JsonContent.Create(new { title = "x", logo });
        await content.LoadIntoBufferAsync(); // sends Content-Length, so the declared size is refused before reading
        using var response = await client.PostAsync(Url("/card"), content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Contains("2097152", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// U+1D11E MUSICAL SYMBOL G CLEF is in none of the bundled fonts (checked with fc-query over fonts/):
    /// a renderer that reports what it cannot draw must count it.
    /// </summary>
    [Fact]
    public async Task Get_TitleWithCodePointNoFontHas_CountsItInMissingGlyphsHeader()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(Url("/card?title=" + Uri.EscapeDataString("Clef \U0001D11E")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var count = int.Parse(Assert.Single(response.Headers.GetValues("X-Card-Missing-Glyphs")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count >= 1, $"X-Card-Missing-Glyphs was {count}; U+1D11E has no glyph in any bundled font.");
    }
}
