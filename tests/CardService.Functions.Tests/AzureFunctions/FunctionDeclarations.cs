using System.Reflection;
using CardService.Functions.AzureFunctions;
using Microsoft.Azure.Functions.Worker;

namespace CardService.Functions.Tests.AzureFunctions;

/// <summary>One function as its attributes declare it: the name, the route (without prefix), upper-case methods, the auth level.</summary>
internal sealed record FunctionDeclaration(string Name, string Route, IReadOnlyList<string> Methods, AuthorizationLevel AuthLevel);

/// <summary>Reads <see cref="HttpFunctions"/>' [Function] and [HttpTrigger] attributes, the source the worker SDK indexes.</summary>
internal static class FunctionDeclarations
{
    public static IReadOnlyList<FunctionDeclaration> All { get; } =
    [
        .. typeof(HttpFunctions).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .Select(m =>
            {
                var trigger = m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!;
                var name = m.GetCustomAttribute<FunctionAttribute>()!.Name;
                return new FunctionDeclaration(name, trigger.Route ?? name, [.. (trigger.Methods ?? []).Select(v => v.ToUpperInvariant())], trigger.AuthLevel);
            })
            .OrderBy(f => f.Name, StringComparer.Ordinal),
    ];

    public static FunctionDeclaration Named(string name) => All.Single(f => f.Name == name);
}
