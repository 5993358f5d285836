using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using CardService.Core.Fonts;
using CardService.Functions.Hosting;

namespace CardService.Infra.Tests.Support;

/// <summary>
/// The settings the app reads, taken from its code: every <c>*Options</c> class's <c>SectionName</c> and properties, written
/// as environment variable names (<c>Fonts__Directory</c>, list items as <c>Section__List__0</c>), plus the port variables
/// of <see cref="HostingPorts"/>. The deploy files are checked against this, so a renamed option breaks the test, not a deployment.
/// </summary>
internal static partial class AppSettingNames
{
    private static readonly Assembly[] AppAssemblies = [typeof(HostingPorts).Assembly, typeof(FontOptions).Assembly];

    /// <summary>Every key the app binds, list indices written as <c>#</c>.</summary>
    public static IReadOnlySet<string> Keys { get; } = CollectKeys();

    /// <summary>The first segment of every key: the app's configuration sections.</summary>
    public static IReadOnlySet<string> Sections { get; } = Keys.Select(k => k.Split("__")[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="name"/> is not a setting the app (or the .NET host under it) reads; null when it is.</summary>
    public static string? Problem(string name)
    {
        if (!name.Contains("__", StringComparison.Ordinal))
        {
            return name is HostingPorts.AspNetCoreUrlsVariable or HostingPorts.PortVariable
                || name.StartsWith("DOTNET_", StringComparison.Ordinal)
                ? null
                : $"'{name}' is neither a configuration key (Section__Key) nor a variable the app or .NET reads.";
        }

        var section = name.Split("__")[0];
        if (!Sections.Contains(section))
        {
            return $"'{name}': the app has no configuration section '{section}' (sections: {string.Join(", ", Sections.Order())}).";
        }

        return Keys.Contains(ListIndex().Replace(name, "__#"))
            ? null
            : $"'{name}': section '{section}' has no such key (it has: {string.Join(", ", Keys.Where(k => k.StartsWith(section + "__", StringComparison.OrdinalIgnoreCase)).Order())}).";
    }

    private static HashSet<string> CollectKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in AppAssemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && field.GetRawConstantValue() is string section)
            {
                AddProperties(type, section.Replace(":", "__", StringComparison.Ordinal), keys, depth: 0);
            }
        }

        return keys.Count > 0 ? keys : throw new InvalidOperationException("No *Options class with a SectionName was found in the app.");
    }

    private static void AddProperties(Type type, string prefix, HashSet<string> keys, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{prefix}__{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsScalar(propertyType))
            {
                keys.Add(key);
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                var item = propertyType.IsArray ? propertyType.GetElementType()! : propertyType.GetGenericArguments().LastOrDefault() ?? typeof(string);
                if (IsScalar(item))
                {
                    keys.Add(key + "__#");
                }
                else if (depth < 4)
                {
                    AddProperties(item, key + "__#", keys, depth + 1);
                }
            }
            else if (propertyType.IsClass && depth < 4)
            {
                AddProperties(propertyType, key, keys, depth + 1);
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(Uri) || type == typeof(DateTimeOffset);

    [GeneratedRegex(@"__\d+(?=__|$)")]
    private static partial Regex ListIndex();
}
