using System.Net;
using System.Text.Json;

namespace CardService.Functions.Tests.Support;

/// <summary>Checks the one error shape: application/problem+json with our type, status, traceId and no stack trace.</summary>
internal static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement.Clone();
        Assert.Equal("https://cardservice.dev/problems/" + type, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        return problem;
    }

    /// <summary>A 400 whose <c>errors</c> names <paramref name="field"/>.</summary>
    public static async Task<JsonElement> IsFieldErrorAsync(HttpResponseMessage response, string type, string field)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest, type);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors should name '{field}': {errors}");
        Assert.True(messages.GetArrayLength() > 0);
        return problem;
    }
}
