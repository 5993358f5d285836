using System.Security.Cryptography;
using System.Text;
using CardService.Core.Inspection;

namespace CardService.Cli.Commands.Check;

/// <summary>
/// Judges built pages with <see cref="PageInspector"/>, the code path of <c>POST /validate</c> with HTML: images on the
/// site's own host are answered from the folder's files, other images are probed only when online. Then places each finding
/// on the line of its tag.
/// </summary>
internal sealed class SiteChecker(PageInspector inspector)
{
    /// <summary>Every page of <paramref name="site"/>, in path order; redirect stubs are skipped and listed.</summary>
    public async Task<CheckRun> CheckSiteAsync(BuiltSite site, bool online, CancellationToken cancellationToken)
    {
        var paths = site.PagePaths();
        var pages = new CheckedPage?[paths.Count];
        var stubs = new bool[paths.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, paths.Count, parallel, async (i, ct) =>
        {
            var file = site.FullPath(paths[i]);
            var html = await File.ReadAllTextAsync(file, ct);
            var locator = new TagLocator(html);
            if (locator.IsRedirectStub)
            {
                stubs[i] = true;
                return;
            }

            var request = new InspectionRequest(site.UrlOf(paths[i]), html, ProbeImages: online) { LocalImages = site.ImageAt };
            var inspected = await inspector.InspectAsync(request, ct);
            pages[i] = Place(inspected.Inspection!, DisplayPath(file), paths[i], locator);
        });
        return new CheckRun([.. pages.OfType<CheckedPage>()], [.. paths.Where((_, i) => stubs[i])], 0);
    }

    /// <summary>One page fetched and judged as <c>GET /validate</c> does; the failure when it could not be fetched.</summary>
    public async Task<PageInspectionResult> InspectUrlAsync(Uri url, CancellationToken cancellationToken) =>
        await inspector.InspectAsync(new InspectionRequest(url), cancellationToken);

    /// <summary>A fetched page's findings, placed in the HTML it served.</summary>
    public static CheckRun Placed(PageInspection inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var url = inspection.RequestedUrl.AbsoluteUri;
        var page = Place(inspection, url, url, new TagLocator(inspection.Meta.Decoding?.Text ?? string.Empty));
        return new CheckRun([page], [], 0);
    }

    private static CheckedPage Place(PageInspection inspection, string file, string pageKey, TagLocator locator)
    {
        var report = inspection.Report;
        return new CheckedPage(
            file,
            report.PageUrl,
            report.Score,
            [.. report.Findings.Select(f => new CheckedFinding(f, locator.Locate(f), Fingerprint(f.RuleId, pageKey, f.Message)))],
            report.NotChecked);
    }

    /// <summary>Rule, page (relative to the site, so the checkout's folder does not matter) and message: no line numbers.</summary>
    private static string Fingerprint(string ruleId, string pageKey, string message) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{pageKey}\n{message}")))[..32];

    // Paths as the user would type them from where the command runs (what CI annotations and SARIF need).
    private static string DisplayPath(string file)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, file);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? file : relative).Replace(Path.DirectorySeparatorChar, '/');
    }
}
