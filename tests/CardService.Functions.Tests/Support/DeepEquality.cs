using System.Collections;
using System.Globalization;
using System.Reflection;

namespace CardService.Functions.Tests.Support;

/// <summary>
/// Structural equality of two object graphs, property by public property and item by item, naming the first difference by
/// its path (<c>Meta.JsonLd[1].Items[0].Headline</c>). Records alone will not do: their <c>ImmutableArray</c> members compare
/// by reference, so two equal reports read apart are never <c>Equals</c>.
/// </summary>
public static class DeepEquality
{
    public static void AssertEqual(object? expected, object? actual, string path = "")
    {
        if (Difference(expected, actual, path) is { } difference)
        {
            Assert.Fail(difference);
        }
    }

    /// <summary>Where and how the graphs differ, or null when they are equal.</summary>
    public static string? Difference(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        var type = expected.GetType();
        if (IsValue(type))
        {
            return expected.Equals(actual) ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        // Collections are compared by their items, whatever their type (an array may come back as a List).
        if (expected is IEnumerable expectedItems && actual is IEnumerable actualItems)
        {
            var left = Ordered(expectedItems);
            var right = Ordered(actualItems);
            if (left.Count != right.Count)
            {
                return $"{path}: expected {left.Count} items, got {right.Count}";
            }

            return left.Select((item, i) => Difference(item, right[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]")))
                .FirstOrDefault(d => d is not null);
        }

        if (type != actual.GetType())
        {
            return $"{path}: expected a {type.Name}, got a {actual.GetType().Name}";
        }

        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => Difference(p.GetValue(expected), p.GetValue(actual), path.Length == 0 ? p.Name : path + "." + p.Name))
            .FirstOrDefault(d => d is not null);
    }

    private static bool IsValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Uri)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(TimeSpan) || type == typeof(Guid);

    // Dictionaries keep no order worth comparing: their pairs are compared sorted by key.
    private static List<object?> Ordered(IEnumerable items)
    {
        var list = items.Cast<object?>().ToList();
        var isPairs = list.Count > 0 && list[0] is { } first && first.GetType().IsGenericType
            && first.GetType().GetGenericTypeDefinition() == typeof(KeyValuePair<,>);
        return isPairs
            ? [.. list.OrderBy(p => Convert.ToString(p!.GetType().GetProperty("Key")!.GetValue(p), CultureInfo.InvariantCulture), StringComparer.Ordinal)]
            : list;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string text => $"\"{(text.Length > 80 ? text[..80] + "…" : text)}\"",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? value.GetType().Name,
    };
}
