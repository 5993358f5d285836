using CardService.Functions.Hosting;

namespace CardService.Functions.AzureFunctions;

/// <summary>
/// The Azure Functions isolated worker: the same services and pipeline as the plain server, behind the Functions host's gRPC
/// channel. Requests still arrive as HTTP (the ASP.NET Core integration), so every answer is written by the app itself.
/// </summary>
public static class FunctionsWorker
{
    // How the host starts a worker: `--functions-uri <its gRPC endpoint>` (configuration Functions:Worker:HostEndpoint).
    private const string HostEndpointArgument = "--functions-uri";
    private const string HostEndpointVariable = "Functions__Worker__HostEndpoint";

    /// <summary>Whether the Functions host started this process; anywhere else (dotnet run, a container, k3s) it is a plain server.</summary>
    public static bool IsStartedByHost(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Any(a => a == HostEndpointArgument || a.StartsWith(HostEndpointArgument + "=", StringComparison.Ordinal))
            || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(HostEndpointVariable));
    }

    /// <summary>Builds the worker host; run it with <see cref="StartupChecks.RunChecked"/>.</summary>
    public static IHost Build(string[] args) =>
        Host.CreateDefaultBuilder(args)
            // The host starts the worker from its own folder; wwwroot and appsettings.json sit beside the binary.
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureFunctionsWebApplication()
            .ConfigureServices((context, services) =>
            {
                services.AddCardService(context.Configuration);
                services.AddSingleton<SharedPipeline>();
                services.AddSingleton<IStartupFilter>(sp => sp.GetRequiredService<SharedPipeline>());
            })
            .Build();
}
