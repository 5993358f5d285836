using CardService.Functions.Hosting;
using Microsoft.AspNetCore.Http;

namespace CardService.Infra.Tests.Support;

/// <summary>Where the app would listen given a deploy file's environment, by the app's own rules (<see cref="HostingPorts"/>).</summary>
internal static class ListeningAddress
{
    private static readonly string[] EveryInterface = ["+", "*", "0.0.0.0", "[::]"];

    public static BindingAddress Resolve(IReadOnlyDictionary<string, string> environment) =>
        BindingAddress.Parse(Assert.Single(HostingPorts.Resolve(new Dictionary<string, string>(environment))));

    /// <summary>A container must listen on every interface, not loopback, or nothing outside it reaches the server.</summary>
    public static bool IsEveryInterface(BindingAddress address) => EveryInterface.Contains(address.Host);
}
