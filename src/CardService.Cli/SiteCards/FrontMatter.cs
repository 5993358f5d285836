using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using Tomlyn;
using Tomlyn.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CardService.Cli.SiteCards;

/// <summary>How a post's front matter is written.</summary>
public enum FrontMatterSyntax
{
    /// <summary>The file has no front matter.</summary>
    None,

    /// <summary>YAML between <c>---</c> lines (Jekyll, Hugo, Eleventy).</summary>
    Yaml,

    /// <summary>TOML between <c>+++</c> lines (Hugo).</summary>
    Toml,
}

/// <summary>
/// A post's front matter: its values (strings, lists and nested maps; every scalar as written) and where its closing
/// fence sits in the file's bytes, so keys can be added without touching any other byte.
/// </summary>
public sealed record FrontMatter(FrontMatterSyntax Syntax, IReadOnlyDictionary<string, object?> Values, int ClosingFenceOffset, string NewLine)
{
    public static readonly FrontMatter Empty = new(FrontMatterSyntax.None, ReadOnlyDictionary<string, object?>.Empty, -1, "\n");

    /// <summary>The value of <paramref name="key"/> as text, when it is a scalar.</summary>
    public string? Text(string key) => Values.TryGetValue(key, out var value) && value is string text && text.Trim().Length > 0 ? text.Trim() : null;
}

/// <summary>The front matter of a file, or where and why it could not be read.</summary>
public readonly record struct FrontMatterResult(FrontMatter? FrontMatter, int Line, string? Error);

/// <summary>
/// Reads front matter as leniently as the generators do: YAML as libyaml (Jekyll) reads it, so a tab after a value
/// is accepted; TOML for Hugo's <c>+++</c>. Problems come back as a line number and a sentence, never as an exception.
/// </summary>
public static class FrontMatterReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static FrontMatterResult Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, bom, bytes.Length - bom);
        }
        catch (DecoderFallbackException)
        {
            return new FrontMatterResult(null, 1, "The file is not UTF-8 text.");
        }

        var firstEnd = text.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = (firstEnd < 0 ? text : text[..firstEnd]).TrimEnd();
        var syntax = firstLine switch
        {
            "---" => FrontMatterSyntax.Yaml,
            "+++" => FrontMatterSyntax.Toml,
            _ => FrontMatterSyntax.None,
        };
        if (syntax == FrontMatterSyntax.None || firstEnd < 0)
        {
            return new FrontMatterResult(FrontMatter.Empty, 0, null);
        }

        var newLine = firstEnd > 0 && text[firstEnd - 1] == '\r' ? "\r\n" : "\n";
        var bodyStart = firstEnd + 1;
        var closing = FindClosingFence(text, bodyStart, syntax);
        if (closing < 0)
        {
            return new FrontMatterResult(null, 1, $"The front matter opened here with '{firstLine}' is never closed.");
        }

        var body = text[bodyStart..closing];
        var (values, line, error) = syntax == FrontMatterSyntax.Yaml ? ParseYaml(body) : ParseToml(body);
        if (values is null)
        {
            // Line 1 of the body is line 2 of the file.
            return new FrontMatterResult(null, line + 1, error);
        }

        var offset = bom + Encoding.UTF8.GetByteCount(text.AsSpan(0, closing));
        return new FrontMatterResult(new FrontMatter(syntax, values, offset, newLine), 0, null);
    }

    private static int FindClosingFence(string text, int from, FrontMatterSyntax syntax)
    {
        for (var start = from; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            var line = (end < 0 ? text[start..] : text[start..end]).TrimEnd();
            if (syntax == FrontMatterSyntax.Yaml ? line is "---" or "..." : line == "+++")
            {
                return start;
            }

            if (end < 0)
            {
                break;
            }

            start = end + 1;
        }

        return -1;
    }

    private static (IReadOnlyDictionary<string, object?>? Values, int Line, string? Error) ParseYaml(string body)
    {
        try
        {
            return (LoadYaml(body), 0, null);
        }
        catch (YamlException first)
        {
            // libyaml, which Jekyll uses, accepts tabs after a value; YamlDotNet does not. Retry without them before giving up.
            var relaxed = TrailingTabsToSpaces(body);
            if (!ReferenceEquals(relaxed, body))
            {
                try
                {
                    return (LoadYaml(relaxed), 0, null);
                }
                catch (YamlException)
                {
                    // Report the first error: it is about the text as written.
                }
            }

            return (null, (int)Math.Max(1, first.Start.Line), Describe(first));
        }
    }

    // Most front matter is flat keys and lists: the plain reader takes those (YamlDotNet's model costs ≈ 1 ms a post,
    // docs/PERFORMANCE.md); anything else, and every error, goes through YamlDotNet.

    /// <summary>The YAML loader for any YAML file of a site: a mapping of keys, or null for an empty document.</summary>
    internal static IReadOnlyDictionary<string, object?> LoadYaml(string text) => PlainYaml.TryRead(text) ?? LoadYamlWithYamlDotNet(text);

    /// <summary><see cref="LoadYaml"/> without the plain reader (the reference the plain reader is tested against).</summary>
    internal static IReadOnlyDictionary<string, object?> LoadYamlWithYamlDotNet(string text)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails this way on some unclosed flow lists; report where it stopped.
            throw new YamlException(scanner.CurrentPosition, scanner.CurrentPosition, "The YAML cannot be read here (an unclosed [ or { ?).", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return ReadOnlyDictionary<string, object?>.Empty;
        }

        return stream.Documents[0].RootNode is YamlMappingNode mapping
            ? FromYaml(mapping)
            : throw new YamlException(stream.Documents[0].RootNode.Start, stream.Documents[0].RootNode.End, "Expected keys and values (key: value), found a single value or a list.");
    }

    private static string Describe(YamlException e)
    {
        // YamlDotNet prefixes positions ("(Line: 3, Col: 1, Idx: …) - (…): "); the line is reported separately.
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        message = cut >= 0 && message.StartsWith('(') ? message[(cut + 3)..] : message;
        return message.TrimEnd('.') + ".";
    }

    internal static string TrailingTabsToSpaces(string body)
    {
        if (!body.Contains('\t', StringComparison.Ordinal))
        {
            return body;
        }

        var lines = body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var content = line.TrimEnd(' ', '\t');
            lines[i] = content + new string(' ', line.Length - content.Length) + (lines[i].EndsWith('\r') ? "\r" : string.Empty);
        }

        return string.Join('\n', lines);
    }

    private static Dictionary<string, object?> FromYaml(YamlMappingNode mapping)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                values[name.Trim()] = FromYaml(value);
            }
        }

        return values;
    }

    private static object? FromYaml(YamlNode node) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" } => null,
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode sequence => sequence.Children.Select(FromYaml).ToList(),
        YamlMappingNode mapping => FromYaml(mapping),
        _ => null,
    };

    private static (IReadOnlyDictionary<string, object?>? Values, int Line, string? Error) ParseToml(string body)
    {
        try
        {
            return (FromToml(TomlSerializer.Deserialize<TomlTable>(body)!), 0, null);
        }
        catch (TomlException e)
        {
            var message = e.Diagnostics is { Count: > 0 } diagnostics ? diagnostics[0].Message : e.Message;
            return (null, Math.Max(1, e.Line ?? 1), message.TrimEnd('.') + ".");
        }
    }

    private static Dictionary<string, object?> FromToml(TomlTable table)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in table)
        {
            values[key] = FromToml(value);
        }

        return values;
    }

    private static object? FromToml(object? value) => value switch
    {
        null => null,
        string text => text,
        TomlTable table => FromToml(table),
        TomlTableArray tables => tables.Select(t => (object?)FromToml(t)).ToList(),
        TomlArray array => array.Select(FromToml).ToList(),
        bool flag => flag ? "true" : "false",
        DateTimeOffset moment => moment.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
        DateTime moment => moment.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
