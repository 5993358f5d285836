using System.Collections;
using System.Globalization;

namespace CardService.Functions.Hosting;

/// <summary>Decides which URLs the app listens on, from the environment alone.</summary>
/// <remarks>
/// Order: <c>PORT</c> (container convention; all interfaces), then <c>ASPNETCORE_URLS</c>, else <see cref="DefaultUrl"/>.
/// The Functions worker takes none of these: its ASP.NET Core extension picks its own loopback port and tells the host.
/// </remarks>
public static class HostingPorts
{
    public const string PortVariable = "PORT";
    public const string AspNetCoreUrlsVariable = "ASPNETCORE_URLS";
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>Returns the URLs to bind; throws <see cref="InvalidOperationException"/> naming the variable when a port is not a port.</summary>
    public static IReadOnlyList<string> Resolve(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);

        if (Read(environment, PortVariable) is { } port)
        {
            return [$"http://0.0.0.0:{ParsePort(PortVariable, port)}"];
        }

        if (Read(environment, AspNetCoreUrlsVariable) is { } urls)
        {
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return [DefaultUrl];
    }

    private static string? Read(IDictionary environment, string name) =>
        environment.Contains(name) && environment[name] is string { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : null;

    private static int ParsePort(string variable, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"{variable} is '{value}'; it must be a TCP port between 1 and 65535.");
}
