using System.Text.Json;
using CardService.Functions.Tests.Support;
using Microsoft.Playwright;

namespace CardService.Preview.Tests.Support;

/// <summary>Runs axe-core (npm, installed by ./test.sh into .tools/) inside a page and returns its violations.</summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(RepoPaths.Root, ".tools", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException($"axe-core is not installed at {path}; ./test.sh installs it (npm install --prefix .tools axe-core@4.14.1).");
    });

    /// <summary>The serious and critical violations, one line each: rule, impact, help and the elements.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') stays on while axe runs.
        await page.EvaluateAsync(Source.Value);
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) }))
            """);
        return
        [
            .. violations.EnumerateArray()
                .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
                .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at " +
                    string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))),
        ];
    }
}
