using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CardService.Core.Cards;
using CardService.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CardService.Functions.Tests.Hardening;

/// <summary>
/// Problems that only a real server shows, through Kestrel on 127.0.0.1: every render slot taken (the test holds the
/// app's own <see cref="RenderGate"/>, so nothing depends on timing), and a request body cut short or malformed on the wire.
/// </summary>
public sealed class SocketProblemTests
{
    [Fact]
    public async Task Card_EveryRenderSlotHeld_Answers503RendererBusyWithRetryAfter()
    {
        await using var app = KestrelApp.Start(("Rendering:MaxConcurrentRenders", "1"), ("Rendering:MaxQueuedRenders", "0"));
        using var client = app.CreateClient();
        var target = new Uri("/card?title=" + Guid.NewGuid().ToString("N"), UriKind.Relative);
        var gate = app.Services.GetRequiredService<RenderGate>();

        using (var held = await gate.EnterAsync(CancellationToken.None))
        {
            Assert.NotNull(held);
            using var busy = await client.GetAsync(target);

            var problem = await ProblemAssert.IsProblemAsync(busy, HttpStatusCode.ServiceUnavailable, "renderer-busy");
            Assert.Equal("Renderer busy", problem.GetProperty("title").GetString());
            Assert.Contains("1 cards are being drawn", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("1", Assert.Single(busy.Headers.GetValues("Retry-After")));
        }

        // The slot released, the same request is drawn: the 503 came from the gate, not from the card.
        using var drawn = await client.GetAsync(target);
        Assert.Equal(HttpStatusCode.OK, drawn.StatusCode);
        Assert.Equal("image/png", drawn.Content.Headers.ContentType?.MediaType);
    }

    // Framing the app only meets while it reads the body; a body cut short by the client closing is not among them, since
    // Kestrel takes a closed connection for a client that has gone and answers no one.
    [Theory]
    [InlineData("zz\r\n{\"title\":\"x\"}\r\n0\r\n\r\n", "chunk size")]
    [InlineData("3\r\n{\"title\":\"x\"}\r\n0\r\n\r\n", "chunk suffix")]
    public async Task PostCard_MalformedChunkedBody_AnswersUnreadableRequest(string body, string kestrelSays)
    {
        await using var app = KestrelApp.Start();
        using var client = app.CreateClient();
        var server = client.BaseAddress!;

        var (status, headers, content) = await SendRawAsync(server, $"POST /card HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{body}");

        Assert.Equal(400, status);
        Assert.Contains("content-type: application/problem+json", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("x-content-type-options: nosniff", headers, StringComparison.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(content);
        var problem = document.RootElement;
        Assert.Equal("https://cardservice.dev/problems/bad-request", problem.GetProperty("type").GetString());
        Assert.Equal("Unreadable request", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString();
        Assert.StartsWith("The request could not be read: ", detail, StringComparison.Ordinal);
        Assert.Contains(kestrelSays, detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", content, StringComparison.Ordinal);
    }

    // Writes the request as given and reads the answer until the server closes the connection (as it does after a request
    // it could not read): status, the header block, and the body with chunked framing removed.
    private static async Task<(int Status, string Headers, string Body)> SendRawAsync(Uri server, string request)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Parse(server.Host), server.Port, guard.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes(request), SocketFlags.None, guard.Token);

        using var received = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, guard.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"no complete answer: {text}");
        var headers = text[..split];
        var body = text[(split + 4)..];
        var status = int.Parse(headers.Split(' ')[1], CultureInfo.InvariantCulture);
        return (status, headers, headers.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(body) : body);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = int.Parse(chunked[at..lineEnd], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
