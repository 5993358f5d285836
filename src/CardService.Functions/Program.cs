using CardService.Functions.AzureFunctions;
using CardService.Functions.Hosting;

// One binary, two hosts over the same services and pipeline (docs/ARCHITECTURE.md).
if (FunctionsWorker.IsStartedByHost(args))
{
    return FunctionsWorker.Build(args).RunChecked();
}

var builder = WebApplication.CreateBuilder(args);
builder.AddPlainServerHosting();
builder.Services.AddCardService(builder.Configuration);

var app = builder.Build();
app.UseCardService();
return app.RunChecked();

/// <summary>Lets WebApplicationFactory find the entry point.</summary>
public partial class Program;
