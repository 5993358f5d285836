using System.Net;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Hosting;

/// <summary>The one error shape for errors no endpoint wrote itself: 404, 405 and a broken deployment's 500.</summary>
public class ProblemDetailsTests(CardServiceFactory factory) : IClassFixture<CardServiceFactory>
{
    [Fact]
    public async Task UnknownPath_Answers404Problem()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/no/such/thing", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        Assert.Equal("/no/such/thing", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task WrongMethod_Answers405Problem()
    {
        using var client = factory.CreateClient();

        using var response = await client.DeleteAsync(new Uri("/card", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Fact]
    public async Task FontsMissingAtRenderTime_Answers500ProblemThatOnlyPointsToTheLog()
    {
        // The folder exists (so start-up validation passes) but holds no fonts: the renderer fails on first use.
        var empty = Directory.CreateTempSubdirectory("cardservice-nofonts-");
        try
        {
            using var broken = new CardServiceFactory(new Dictionary<string, string?> { ["Fonts:Directory"] = empty.FullName });
            using var client = broken.CreateClient();

            using var response = await client.GetAsync(new Uri("/card?title=x", UriKind.Relative));

            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, "internal-error");
            Assert.Equal("The server failed while answering this request; the failure is logged under this traceId.", problem.GetProperty("detail").GetString());
            Assert.Equal("Server failure", problem.GetProperty("title").GetString());
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(empty.FullName, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Inter", text, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
