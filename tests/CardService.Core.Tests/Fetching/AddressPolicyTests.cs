using System.Net;
using CardService.Core.Fetching;

namespace CardService.Core.Tests.Fetching;

public class AddressPolicyTests
{
    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("1.1.1.1", true)]
    [InlineData("93.184.216.34", true)]
    [InlineData("172.15.255.255", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("100.128.0.1", true)]
    [InlineData("198.17.255.255", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("2002:808:808::1", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.255.255.254", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.0.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("100.127.255.255", false)]
    [InlineData("169.254.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("0.1.2.3", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("239.255.255.250", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("240.0.0.1", false)]
    [InlineData("192.0.0.1", false)]
    [InlineData("192.0.2.1", false)]
    [InlineData("198.51.100.7", false)]
    [InlineData("203.0.113.9", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("198.19.255.255", false)]
    [InlineData("192.88.99.1", false)]
    [InlineData("168.63.129.16", false)]
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.1.2.3", false)]
    [InlineData("::ffff:169.254.169.254", false)]
    [InlineData("::127.0.0.1", false)]
    [InlineData("::8.8.8.8", false)]
    [InlineData("64:ff9b::7f00:1", false)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    [InlineData("64:ff9b:1::1", false)]
    [InlineData("2002:7f00:1::1", false)]
    [InlineData("2002:c0a8:101::1", false)]
    [InlineData("fd00:ec2::254", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fdff:ffff::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fe80::1%2", false)]
    [InlineData("febf::1", false)]
    [InlineData("fec0::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("2001::1", false)]
    [InlineData("100::1", false)]
    [InlineData("3fff::1", false)]
    [InlineData("4000::1", false)]
    public void IsAllowed_PublicOnly_AllowsOnlyPublicUnicast(string address, bool allowed)
    {
        var sut = AddressPolicy.PublicOnly;

        Assert.Equal(allowed, sut.IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.2", true)]
    [InlineData("::ffff:127.0.0.2", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.0.0.3", false)]
    [InlineData("10.0.0.1", false)]
    public void IsAllowed_OneAllowedHost_OpensOnlyThatHost(string address, bool allowed)
    {
        var sut = new AddressPolicy([IPNetwork.Parse("127.0.0.2/32")]);

        Assert.Equal(allowed, sut.IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.170.2")]
    [InlineData("fd00:ec2::254")]
    [InlineData("::ffff:169.254.169.254")]
    public void IsAllowed_MetadataInsideAllowedNetwork_StaysBlocked(string address)
    {
        var sut = new AddressPolicy([IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("fd00::/8")]);

        Assert.False(sut.IsAllowed(IPAddress.Parse(address)));
        Assert.Contains("metadata", sut.Check(IPAddress.Parse(address)), StringComparison.Ordinal);
    }

    [Fact]
    public void IsAllowed_LinkLocalInsideAllowedNetwork_IsAllowed()
    {
        var sut = new AddressPolicy([IPNetwork.Parse("169.254.0.0/16")]);

        Assert.True(sut.IsAllowed(IPAddress.Parse("169.254.1.1")));
    }

    [Fact]
    public void Check_Blocked_SaysWhichRange()
    {
        var why = AddressPolicy.PublicOnly.Check(IPAddress.Parse("100.64.1.1"));

        Assert.Equal("100.64.1.1 is carrier-grade NAT (100.64.0.0/10)", why);
    }

    [Fact]
    public void ParseNetworks_GoodEntries_ParsesAllWithBareAddressAsHost()
    {
        var networks = AddressPolicy.ParseNetworks(["127.0.0.2/32", "127.0.0.3", "fd12::/16"], out var errors);

        Assert.Empty(errors);
        Assert.Equal(["127.0.0.2/32", "127.0.0.3/32", "fd12::/16"], networks.Select(n => n.ToString()));
    }

    [Fact]
    public void ParseNetworks_BadEntries_ReportsEachOne()
    {
        AddressPolicy.ParseNetworks(["nope", "127.0.0.2/33", "127.0.0.2/8", "10.0.0.0/x", ""], out var errors);

        Assert.Equal(5, errors.Length);
        Assert.Contains(errors, e => e.Contains("did you mean 127.0.0.0/8", StringComparison.Ordinal));
    }
}
