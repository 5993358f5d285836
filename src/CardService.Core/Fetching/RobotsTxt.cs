using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace CardService.Core.Fetching;

/// <summary>One <c>Allow</c> or <c>Disallow</c> line of robots.txt.</summary>
public sealed record RobotsRule(bool Allow, string Pattern)
{
    public override string ToString() => $"{(Allow ? "Allow" : "Disallow")}: {Pattern}";
}

/// <summary>The verdict for one URL and agent.</summary>
/// <param name="Allowed">Whether the agent may fetch the URL.</param>
/// <param name="RobotsUrl">The robots.txt consulted; null when the URL itself cannot be fetched.</param>
/// <param name="MatchedRule">The deciding rule, or null when no rule matched (or the file was missing/unreachable).</param>
/// <param name="Reason">A sentence saying why.</param>
public sealed record RobotsCheck(bool Allowed, Uri? RobotsUrl, RobotsRule? MatchedRule, string Reason);

/// <summary>
/// A parsed robots.txt (RFC 9309): groups of user-agent lines with their rules, case-insensitive
/// product-token matching, longest match wins with Allow winning ties, <c>*</c> and <c>$</c> wildcards.
/// Lenient: unknown lines and malformed lines are ignored.
/// </summary>
public sealed class RobotsTxt
{
    private readonly ImmutableArray<(ImmutableArray<string> Agents, ImmutableArray<RobotsRule> Rules)> _groups;

    private RobotsTxt(ImmutableArray<(ImmutableArray<string>, ImmutableArray<RobotsRule>)> groups) => _groups = groups;

    /// <summary>A file that allows everything (missing robots.txt).</summary>
    public static RobotsTxt AllowAll { get; } = new([]);

    /// <summary>A file that disallows everything (robots.txt unreachable).</summary>
    public static RobotsTxt DisallowAll { get; } = new([(["*"], [new RobotsRule(false, "/")])]);

    /// <summary>Parses robots.txt text.</summary>
    public static RobotsTxt Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var groups = ImmutableArray.CreateBuilder<(ImmutableArray<string>, ImmutableArray<RobotsRule>)>();
        var agents = new List<string>();
        var rules = new List<RobotsRule>();
        var lastWasAgent = false;

        void Flush()
        {
            if (agents.Count > 0)
            {
                groups.Add(([.. agents], [.. rules]));
            }

            agents.Clear();
            rules.Clear();
        }

        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key.Equals("user-agent", StringComparison.OrdinalIgnoreCase))
            {
                if (!lastWasAgent)
                {
                    Flush(); // a user-agent line after rules starts a new group
                }

                agents.Add(ProductToken(value));
                lastWasAgent = true;
            }
            else if (key.Equals("allow", StringComparison.OrdinalIgnoreCase) || key.Equals("disallow", StringComparison.OrdinalIgnoreCase))
            {
                lastWasAgent = false;
                if (agents.Count > 0 && value.Length > 0)
                {
                    rules.Add(new RobotsRule(key.Length == 5, NormalisePattern(value)));
                }
            }
            else
            {
                // Sitemap, crawl-delay and the like neither start nor end a group.
            }
        }

        Flush();
        return new RobotsTxt(groups.ToImmutable());
    }

    /// <summary>
    /// Decides for the first of <paramref name="productTokens"/> that has a group (else the <c>*</c>
    /// group); <paramref name="pathAndQuery"/> is the URL's path and query as sent.
    /// </summary>
    public (bool Allowed, RobotsRule? Rule) Decide(IReadOnlyList<string> productTokens, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(productTokens);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var path = NormalisePattern(pathAndQuery.Length == 0 ? "/" : pathAndQuery);
        if (path.Equals("/robots.txt", StringComparison.Ordinal))
        {
            return (true, null);
        }

        var rules = RulesFor(productTokens);
        RobotsRule? best = null;
        foreach (var rule in rules)
        {
            if (!Matches(rule.Pattern, path))
            {
                continue;
            }

            if (best is null || rule.Pattern.Length > best.Pattern.Length || (rule.Pattern.Length == best.Pattern.Length && rule.Allow && !best.Allow))
            {
                best = rule;
            }
        }

        return (best?.Allow ?? true, best);
    }

    private List<RobotsRule> RulesFor(IReadOnlyList<string> productTokens)
    {
        foreach (var token in productTokens)
        {
            var matched = _groups.Where(g => g.Agents.Any(a => a.Equals(token, StringComparison.OrdinalIgnoreCase))).SelectMany(g => g.Rules).ToList();
            if (matched.Count > 0 || _groups.Any(g => g.Agents.Any(a => a.Equals(token, StringComparison.OrdinalIgnoreCase))))
            {
                return matched;
            }
        }

        // Groups naming the same agent are merged (RFC 9309 2.2.1).
        return [.. _groups.Where(g => g.Agents.Contains("*")).SelectMany(g => g.Rules)];
    }

    // "Twitterbot/1.0" and "Twitterbot" name the same product.
    private static string ProductToken(string value)
    {
        var end = value.IndexOfAny([' ', '\t', '/']);
        return end < 0 ? value : value[..end];
    }

    // Percent-encodes non-ASCII (UTF-8) and upper-cases existing escapes, so patterns and paths compare as octets.
    private static string NormalisePattern(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                builder.Append('%').Append(char.ToUpperInvariant(value[i + 1])).Append(char.ToUpperInvariant(value[i + 2]));
                i += 2;
            }
            else if (c > 0x7F)
            {
                var length = char.IsSurrogatePair(value, i) ? 2 : 1;
                foreach (var b in Encoding.UTF8.GetBytes(value.Substring(i, length)))
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }

                i += length - 1;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary><c>*</c> matches any run of characters; a final <c>$</c> anchors the end; otherwise a prefix match.</summary>
    internal static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var body = anchored ? pattern[..^1] : pattern;
        var parts = body.Split('*');
        if (!path.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }

        var position = parts[0].Length;
        if (parts.Length == 1)
        {
            return !anchored || position == path.Length;
        }

        for (var p = 1; p < parts.Length; p++)
        {
            var part = parts[p];
            if (p == parts.Length - 1 && anchored)
            {
                // The last literal must sit at the very end (and after what matched so far).
                return path.Length - part.Length >= position && path.EndsWith(part, StringComparison.Ordinal);
            }

            var found = path.IndexOf(part, position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + part.Length;
        }

        return true;
    }
}
