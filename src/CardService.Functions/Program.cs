var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" }));

app.Run();

/// <summary>Lets WebApplicationFactory find the entry point.</summary>
public partial class Program;
