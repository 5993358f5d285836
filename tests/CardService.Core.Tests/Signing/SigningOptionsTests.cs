using CardService.Core.Signing;

namespace CardService.Core.Tests.Signing;

public class SigningOptionsTests
{
    [Fact]
    public void Validate_Defaults_HasNoErrors()
    {
        Assert.Empty(new SigningOptions().Validate());
    }

    [Fact]
    public void Validate_ShortKeyNotBase64TooManyAndRequiredWithoutKeys_ReportsEach()
    {
        var shortKey = Convert.ToBase64String(new byte[16]);
        var tooMany = new SigningOptions { Keys = [shortKey, "not base64!", Convert.ToBase64String(new byte[32])] };

        var errors = tooMany.Validate();

        Assert.Contains(errors, e => e.Contains("at most 2", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Signing:Keys:0 is 16 bytes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Signing:Keys:1 is not base64", StringComparison.Ordinal));
        Assert.Equal(
            "Signing:Required is true but Signing:Keys is empty: every card URL would be refused.",
            Assert.Single(new SigningOptions { Required = true }.Validate()));
    }
}
