using CardService.Core.Signing;
using CardService.Core.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace CardService.Core.Tests.Signing;

public class CardUrlSignerTests
{
    private const string KeyA = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    private const string KeyB = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static readonly Uri Endpoint = new("https://cards.example/card");

    private static CardUrlSigner CreateSut(params string[] keys) => new(new SigningOptions { Keys = keys }, new ManualClock { Now = new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero) });

    // What a server sees: the query string decoded as ASP.NET Core decodes it ('+' is a space).
    private static List<KeyValuePair<string, string>> Parsed(Uri url) =>
        [.. QueryHelpers.ParseQuery(url.Query).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v!)))];

    private static List<KeyValuePair<string, string>> Parsed(string query) => Parsed(new Uri("https://cards.example/card?" + query));

    private static KeyValuePair<string, string?>[] Fields(params (string Name, string Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string?>(f.Name, f.Value))];

    [Fact]
    public void Verify_UrlFromSignUrl_IsValid()
    {
        var sut = CreateSut(KeyA);
        var url = sut.SignUrl(Endpoint, Fields(("title", "Héllo & goodbye"), ("category", "Notes/2026")));

        Assert.Equal(SignatureVerdict.Valid, sut.Verify(Parsed(url)));
    }

    [Fact]
    public void Verify_ParametersReorderedAndEncodedOtherwise_IsValid()
    {
        var sut = CreateSut(KeyA);
        var signed = Parsed(sut.SignUrl(Endpoint, Fields(("title", "Hello world é"), ("category", "A+B"))));
        var sig = signed.Single(p => p.Key == "sig").Value;

        var verdict = sut.Verify(Parsed($"sig={sig}&category=A%2BB&title=Hello+world+%C3%A9"));

        Assert.Equal(SignatureVerdict.Valid, verdict);
    }

    [Fact]
    public void Verify_DecomposedAccent_MatchesComposedSignature()
    {
        var sut = CreateSut(KeyA);
        var sig = Parsed(sut.SignUrl(Endpoint, Fields(("title", "caf\u00E9")))).Single(p => p.Key == "sig").Value;

        Assert.Equal(SignatureVerdict.Valid, sut.Verify(Parsed($"title=cafe%CC%81&sig={sig}")));
    }

    [Fact]
    public void Verify_ValueChangedAfterSigning_IsMismatch()
    {
        var sut = CreateSut(KeyA);
        var signed = Parsed(sut.SignUrl(Endpoint, Fields(("title", "Hello"))));
        var changed = signed.Select(p => p.Key == "title" ? new KeyValuePair<string, string>("title", "Hellp") : p);

        Assert.Equal(SignatureVerdict.Mismatch, sut.Verify(changed));
    }

    [Fact]
    public void Verify_ParameterAddedAfterSigning_IsMismatch()
    {
        var sut = CreateSut(KeyA);
        var signed = Parsed(sut.SignUrl(Endpoint, Fields(("title", "Hello"))));

        Assert.Equal(SignatureVerdict.Mismatch, sut.Verify([.. signed, new("url", "https://victim.example/")]));
    }

    [Fact]
    public void Verify_SignedWithTheSecondKey_IsValid()
    {
        var previous = CreateSut(KeyB);
        var url = previous.SignUrl(Endpoint, Fields(("title", "Rolled")));

        Assert.Equal(SignatureVerdict.Valid, CreateSut(KeyA, KeyB).Verify(Parsed(url)));
    }

    [Fact]
    public void Verify_SignedWithAnotherKey_IsMismatch()
    {
        var url = CreateSut(KeyB).SignUrl(Endpoint, Fields(("title", "Other key")));

        Assert.Equal(SignatureVerdict.Mismatch, CreateSut(KeyA).Verify(Parsed(url)));
    }

    [Fact]
    public void Verify_NoSig_IsMissing()
    {
        Assert.Equal(SignatureVerdict.Missing, CreateSut(KeyA).Verify(Parsed("title=Hello")));
    }

    [Fact]
    public void Verify_ExpiryPassed_IsExpired()
    {
        var sut = CreateSut(KeyA);
        var url = sut.SignUrl(Endpoint, Fields(("title", "Old")), new DateTimeOffset(2026, 12, 1, 23, 59, 59, TimeSpan.Zero));

        Assert.Equal(SignatureVerdict.Expired, sut.Verify(Parsed(url)));
    }

    [Fact]
    public void Verify_ExpiryAhead_IsValid()
    {
        var sut = CreateSut(KeyA);
        var url = sut.SignUrl(Endpoint, Fields(("title", "Fresh")), new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(SignatureVerdict.Valid, sut.Verify(Parsed(url)));
    }

    [Fact]
    public void Verify_ExpiryMovedLaterAfterSigning_IsMismatch()
    {
        var sut = CreateSut(KeyA);
        var signed = Parsed(sut.SignUrl(Endpoint, Fields(("title", "Old")), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        var extended = signed.Select(p => p.Key == "exp" ? new KeyValuePair<string, string>("exp", "4102444800") : p);

        Assert.Equal(SignatureVerdict.Mismatch, sut.Verify(extended));
    }

    [Fact]
    public void Canonical_SameParametersAnyOrder_IsTheSameText()
    {
        var one = CardUrlSigner.Canonical(Parsed("b=2&a=1&a=0&sig=x"));
        var other = CardUrlSigner.Canonical(Parsed("a=0&sig=y&b=2&a=1"));

        Assert.Equal("a=0&a=1&b=2", one);
        Assert.Equal(one, other);
    }

    [Fact]
    public void Constructor_NoKeys_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => CreateSut());

        Assert.Contains("Signing:Keys", error.Message, StringComparison.Ordinal);
    }
}
