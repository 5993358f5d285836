using System.Text;
using System.Text.RegularExpressions;

namespace CardService.Cli.SiteCards;

/// <summary>
/// A file pattern relative to the site root: <c>*</c> within a folder, <c>**</c> across folders, <c>?</c> one character,
/// <c>{md,markdown}</c> alternatives. Written here because the framework's globbing has no braces.
/// </summary>
public sealed class Glob
{
    private readonly Regex _regex;

    public Glob(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Pattern = pattern;
        _regex = new Regex("^" + ToRegex(pattern.Replace('\\', '/').TrimStart('/')) + "$", RegexOptions.CultureInvariant);
    }

    public string Pattern { get; }

    /// <summary>Whether a path relative to the root, written with <c>/</c>, matches.</summary>
    public bool IsMatch(string relativePath) => _regex.IsMatch(relativePath);

    /// <summary>Every file under <paramref name="root"/> that matches one of <paramref name="globs"/>, relative and sorted; dot folders are skipped.</summary>
    public static IReadOnlyList<string> Find(string root, IReadOnlyList<Glob> globs, IReadOnlyCollection<string> skipFolders)
    {
        var found = new List<string>();
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                var name = Path.GetFileName(sub);
                if (!name.StartsWith('.') && !skipFolders.Contains(name))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (globs.Any(g => g.IsMatch(relative)))
                {
                    found.Add(relative);
                }
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder();
        var braces = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    // "**/" matches zero or more folders; a trailing "**" matches anything.
                    var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                    regex.Append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '{':
                    braces++;
                    regex.Append("(?:");
                    break;
                case '}' when braces > 0:
                    braces--;
                    regex.Append(')');
                    break;
                case ',' when braces > 0:
                    regex.Append('|');
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.ToString();
    }
}
