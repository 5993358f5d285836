using System.Collections;
using CardService.Functions.Hosting;

namespace CardService.Functions.Tests.Hosting;

public class HostingPortsTests
{
    [Fact]
    public void Resolve_CustomHandlerPort_IsNoLongerRead()
    {
        // The app is no custom handler any more: a stale setting must not move the plain server off its default.
        var env = new Hashtable { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "41234" };

        Assert.Equal(["http://localhost:7071"], HostingPorts.Resolve(env));
    }

    [Fact]
    public void Resolve_PortOnly_BindsAllInterfaces()
    {
        var env = new Hashtable { ["PORT"] = "8080", ["ASPNETCORE_URLS"] = "http://+:5000" };

        Assert.Equal(["http://0.0.0.0:8080"], HostingPorts.Resolve(env));
    }

    [Fact]
    public void Resolve_AspNetCoreUrlsOnly_UsesEachUrl()
    {
        var env = new Hashtable { ["ASPNETCORE_URLS"] = "http://localhost:5000; http://127.0.0.2:5001" };

        Assert.Equal(["http://localhost:5000", "http://127.0.0.2:5001"], HostingPorts.Resolve(env));
    }

    [Fact]
    public void Resolve_NothingSet_UsesLocalhost7071()
    {
        Assert.Equal(["http://localhost:7071"], HostingPorts.Resolve(new Hashtable()));
    }

    [Fact]
    public void Resolve_EmptyValues_AreIgnored()
    {
        var env = new Hashtable { ["PORT"] = "  ", ["ASPNETCORE_URLS"] = "" };

        Assert.Equal(["http://localhost:7071"], HostingPorts.Resolve(env));
    }

    [Theory]
    [InlineData("PORT", "abc")]
    [InlineData("PORT", "70000")]
    [InlineData("PORT", "-1")]
    public void Resolve_NotAPort_ThrowsNamingTheVariable(string variable, string value)
    {
        var env = new Hashtable { [variable] = value };

        var error = Assert.Throws<InvalidOperationException>(() => HostingPorts.Resolve(env));

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }
}
