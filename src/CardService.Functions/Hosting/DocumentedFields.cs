using Microsoft.OpenApi;

namespace CardService.Functions.Hosting;

/// <summary>
/// What each field of a query string (and of the JSON body with the same names) holds, for the OpenAPI document: the
/// endpoints read these fields as text, so the generated schemas would all say "string".
/// </summary>
/// <param name="Fields">Per field name: its schema (made fresh for each use) and description.</param>
/// <param name="Required">The fields a request must give.</param>
internal sealed record DocumentedFields(IReadOnlyDictionary<string, (Func<OpenApiSchema> Schema, string Description)> Fields, IReadOnlySet<string> Required)
{
    /// <summary>Types and describes an operation's query parameters.</summary>
    public void DescribeParameters(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.Name is { } name && Fields.TryGetValue(name, out var documented))
            {
                parameter.Schema = documented.Schema();
                parameter.Description = documented.Description;
                parameter.Required = Required.Contains(name);
            }
        }
    }

    /// <summary>Adds every field as a query parameter, first and in order, then types and describes them.</summary>
    public void AddQueryParameters(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        var position = 0;
        foreach (var name in Fields.Keys)
        {
            operation.Parameters.Insert(position++, new OpenApiParameter { Name = name, In = ParameterLocation.Query });
        }

        DescribeParameters(operation);
    }

    /// <summary>The same for a JSON body's properties; JSON null stays allowed where it means "not given".</summary>
    public void DescribeProperties(OpenApiSchema schema)
    {
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (Fields.TryGetValue(name, out var documented))
            {
                var typed = ApiSchemas.Described(documented.Schema(), documented.Description);
                typed.Type |= Required.Contains(name) ? 0 : property.Type & JsonSchemaType.Null;
                schema.Properties![name] = typed;
            }
        }

        if (Required.Count > 0)
        {
            schema.Required = new HashSet<string>(Required);
        }
    }
}
