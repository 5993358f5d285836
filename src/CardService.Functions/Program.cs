using CardService.Functions.Endpoints;
using CardService.Functions.Hosting;
using CardService.Functions.Limits;
using CardService.Functions.Preview;
using CardService.Functions.Signing;

var builder = WebApplication.CreateBuilder(args);

builder.AddCardServiceHosting();
builder.Services.AddCardRendering(builder.Configuration);
builder.Services.AddPageFetching(builder.Configuration);
builder.Services.AddPageInspection(builder.Configuration);
builder.Services.AddPreviewPages(builder.Configuration);
builder.Services.AddCardSigning(builder.Configuration);
builder.Services.AddRequestLimits(builder.Configuration);

var app = builder.Build();

app.UseCardServiceHosting();
app.MapHealthEndpoints();
app.MapCardEndpoints();
app.MapMetaEndpoints();
app.MapValidateEndpoints();
app.MapRulesEndpoints();
app.MapPreviewPages();

return app.RunChecked();

/// <summary>Lets WebApplicationFactory find the entry point.</summary>
public partial class Program;
