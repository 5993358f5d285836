using CardService.Core.Tests.Fetching.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace CardService.Cli.Tests.Commands.Check.Support;

/// <summary>
/// A real static host (Kestrel on 127.0.0.1) for a built site's folder, read at request time so the site can be (re)built
/// after the server starts: <c>dir/</c> serves <c>dir/index.html</c>, a missing file is 404, ranges are honoured.
/// </summary>
public static class StaticSite
{
    private static readonly FileExtensionContentTypeProvider Types = new();

    public static Task<LocalServer> StartAsync(string folder) => LocalServer.StartAsync("127.0.0.1", app => app.Run(context =>
    {
        var relative = Uri.UnescapeDataString(context.Request.Path.Value ?? "/").TrimStart('/');
        var file = Path.GetFullPath(Path.Combine(folder, relative.Length == 0 || relative.EndsWith('/') ? relative + "index.html" : relative));
        if (!file.StartsWith(Path.GetFullPath(folder), StringComparison.Ordinal) || !File.Exists(file) || !Types.TryGetContentType(file, out var type))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return Results.File(file, type, enableRangeProcessing: true).ExecuteAsync(context);
    }));
}
