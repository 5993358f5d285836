using CardService.Core.Caching;
using CardService.Core.Telemetry;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Text;

namespace CardService.Core.Fetching;

/// <summary>
/// Fetches strangers' URLs safely: http(s) only, every address checked against <see cref="AddressPolicy"/>
/// at connect time (DNS resolved here, so rebinding cannot slip past), redirects followed by hand and
/// re-checked, and caps on time, bytes and redirects. Thread-safe; make one per application.
/// Failures come back as <see cref="FetchFailure"/> values; only caller cancellation throws.
/// </summary>
public sealed class PageFetcher : IDisposable
{
    private const string PageAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private const string ImageAccept = "image/avif,image/webp,image/png,image/jpeg,image/gif,image/svg+xml,image/*;q=0.8,*/*;q=0.5";
    private static readonly HttpRequestOptionsKey<StrongBox<IPAddress?>> RemoteAddressKey = new("CardService.RemoteAddress");
    private static readonly TimeSpan RobotsCacheTtl = TimeSpan.FromHours(24);

    private readonly FetchOptions _options;
    private readonly TimeProvider _time;
    private readonly AddressPolicy _policy;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;
    private readonly HttpClient _client;
    private readonly SingleFlightCache<RobotsEntry> _robots;
    private readonly FetchGate _gate;
    private int _socketConnects;

    /// <summary>Creates a fetcher; throws <see cref="ArgumentException"/> listing every problem when <paramref name="options"/> are invalid.</summary>
    /// <param name="options">Limits, identity and the (off by default) private-network allowance.</param>
    /// <param name="time">Clock for time limits and robots.txt expiry; the system clock by default.</param>
    /// <param name="resolveHost">DNS lookup used at connect time (a test seam); every answer is still checked by the policy.</param>
    public PageFetcher(FetchOptions options, TimeProvider? time = null, Func<string, CancellationToken, Task<IPAddress[]>>? resolveHost = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Length > 0)
        {
            throw new ArgumentException("Invalid fetch options: " + string.Join("; ", errors), nameof(options));
        }

        _options = options;
        _time = time ?? TimeProvider.System;
        _policy = new AddressPolicy(AddressPolicy.ParseNetworks(options.AllowedPrivateNetworks, out _));
        _resolve = resolveHost ?? Dns.GetHostAddressesAsync;
        _robots = new SingleFlightCache<RobotsEntry>(options.RobotsCacheSize, _ => 1, entry => entry.Cacheable ? RobotsCacheTtl : options.FailureReuseLifetime, _time);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None, // decoded here, so decoded bytes are counted
            UseCookies = false,
            ConnectCallback = ConnectAsync,
            ConnectTimeout = Timeout.InfiniteTimeSpan, // enforced in ConnectAsync
            PooledConnectionLifetime = TimeSpan.Zero, // one connection per request: RemoteAddress is that request's
            MaxResponseDrainSize = 0,
            MaxResponseHeadersLength = 64,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _gate = new FetchGate(options);
    }

    /// <summary>The limits this fetcher was made with (also how long callers share its results).</summary>
    public FetchOptions Options => _options;

    /// <summary>The address policy in force (public only, plus any allowed private networks).</summary>
    public AddressPolicy Policy => _policy;

    /// <summary>Sockets this fetcher has tried to connect (tests prove refusals connect nothing).</summary>
    internal int SocketConnectAttempts => Volatile.Read(ref _socketConnects);

    /// <summary>
    /// Fetches an HTML page as <paramref name="agent"/> would: any HTTP status is a response (the
    /// validator judges a 404); the body is decoded and capped, with <see cref="FetchedResponse.Truncated"/> set when cut.
    /// </summary>
    public async Task<FetchResult> FetchPageAsync(Uri url, CrawlerAgent agent, CancellationToken ct)
    {
        using var activity = StartFetch("page", url);
        var result = await FetchDocumentAsync(url, agent, PageAccept, _options.MaxBodyBytes, _options.MaxDecompressedBytes, ct);
        activity?.SetTag(CardServiceTelemetry.Tags.HttpStatus, result.Response?.StatusCode);
        CardServiceTelemetry.RecordFetch("page", result.Failure, activity);
        return result;
    }

    /// <summary>
    /// Probes an image: follows redirects, asks for a prefix with a <c>Range</c> header and stops reading
    /// as soon as the header gives the format and pixel size. Any HTTP status is a probe (see <see cref="ImageProbe.StatusCode"/>).
    /// </summary>
    public async Task<ImageProbeResult> ProbeImageAsync(Uri url, CancellationToken ct)
    {
        using var activity = StartFetch("image-probe", url);
        var result = await ProbeAsync(url, ct);
        activity?.SetTag(CardServiceTelemetry.Tags.HttpStatus, result.Probe?.StatusCode);
        CardServiceTelemetry.RecordFetch("image-probe", result.Failure, activity);
        return result;
    }

    private async Task<ImageProbeResult> ProbeAsync(Uri url, CancellationToken ct)
    {
        using var budget = new Budget(this, ct);
        var (turn, busy) = await EnterGateAsync(url, budget);
        if (busy is not null)
        {
            return ImageProbeResult.Failed(busy);
        }

        using var heldTurn = turn;
        var exchange = await SendAsync(url, CrawlerUserAgents.For(CrawlerAgent.Default, _options.UserAgent), ImageAccept, $"bytes=0-{_options.MaxProbeBytes - 1}", budget);
        if (exchange.Failure is not null)
        {
            return ImageProbeResult.Failed(exchange.Failure);
        }

        using var response = exchange.Response!;
        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.ContentType?.ToString();
        var totalBytes = status == 206 ? response.Content.Headers.ContentRange?.Length : status is >= 200 and < 300 ? response.Content.Headers.ContentLength : null;
        if (status is < 200 or >= 300)
        {
            return ImageProbeResult.Success(new ImageProbe(url, exchange.FinalUrl, status, contentType, null, null, null, null, 0, exchange.Redirects));
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(budget.Token);
            var buffer = new byte[_options.MaxProbeBytes];
            var length = 0;
            var ended = false;
            var info = default(ImageHeaderInfo);
            while (length < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(length), budget.Token);
                if (read == 0)
                {
                    ended = true;
                    break;
                }

                length += read;
                info = ImageHeader.Read(buffer.AsSpan(0, length));
                if (!info.NeedsMoreData)
                {
                    break;
                }
            }

            info = ImageHeader.Read(buffer.AsSpan(0, length));
            totalBytes ??= ended ? length : null;
            return ImageProbeResult.Success(new ImageProbe(url, exchange.FinalUrl, status, contentType, totalBytes, info.Width, info.Height, info.Format, length, exchange.Redirects));
        }
        catch (Exception e) when (IsFetchError(e))
        {
            return ImageProbeResult.Failed(budget.Classify(e, exchange.FinalUrl));
        }
    }

    /// <summary>
    /// Downloads a whole image (logos, backgrounds) up to <see cref="FetchOptions.MaxImageBytes"/>; a non-2xx
    /// status is <see cref="FetchFailureKind.HttpStatus"/>, more bytes or pixels than allowed is <see cref="FetchFailureKind.TooLarge"/>.
    /// </summary>
    public async Task<ImageDownloadResult> FetchImageAsync(Uri url, CancellationToken ct)
    {
        using var activity = StartFetch("image", url);
        var result = await DownloadAsync(url, ct);
        CardServiceTelemetry.RecordFetch("image", result.Failure, activity);
        return result;
    }

    private async Task<ImageDownloadResult> DownloadAsync(Uri url, CancellationToken ct)
    {
        using var budget = new Budget(this, ct);
        var (turn, busy) = await EnterGateAsync(url, budget);
        if (busy is not null)
        {
            return ImageDownloadResult.Failed(busy);
        }

        using var heldTurn = turn;
        var exchange = await SendAsync(url, CrawlerUserAgents.For(CrawlerAgent.Default, _options.UserAgent), ImageAccept, null, budget);
        if (exchange.Failure is not null)
        {
            return ImageDownloadResult.Failed(exchange.Failure);
        }

        using var response = exchange.Response!;
        var status = (int)response.StatusCode;
        var finalUrl = exchange.FinalUrl;
        if (status is < 200 or >= 300)
        {
            return ImageDownloadResult.Failed(new(FetchFailureKind.HttpStatus, finalUrl, $"{finalUrl} answered {status} {response.ReasonPhrase}", status));
        }

        if (response.Content.Headers.ContentLength > _options.MaxImageBytes)
        {
            return ImageDownloadResult.Failed(new(FetchFailureKind.TooLarge, finalUrl, $"{finalUrl} is {response.Content.Headers.ContentLength} bytes, over the {_options.MaxImageBytes}-byte image limit"));
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(budget.Token);
            var body = await BodyReader.ReadAsync(stream, null, _options.MaxImageBytes, _options.MaxImageBytes, budget.Token);
            if (body.Truncated)
            {
                return ImageDownloadResult.Failed(new(FetchFailureKind.TooLarge, finalUrl, $"{finalUrl} is over the {_options.MaxImageBytes}-byte image limit"));
            }

            var bytes = body.Buffer.AsMemory(0, body.Length);
            var info = ImageHeader.Read(bytes.Span);
            if ((long?)info.Width * info.Height > _options.MaxImagePixels)
            {
                return ImageDownloadResult.Failed(new(FetchFailureKind.TooLarge, finalUrl, $"{finalUrl} declares {info.Width}×{info.Height} pixels, over the {_options.MaxImagePixels}-pixel limit"));
            }

            return ImageDownloadResult.Success(new ImageDownload(url, finalUrl, status, response.Content.Headers.ContentType?.ToString(), bytes, info.Format, info.Width, info.Height));
        }
        catch (Exception e) when (IsFetchError(e))
        {
            return ImageDownloadResult.Failed(budget.Classify(e, finalUrl));
        }
    }

    /// <summary>True when robots.txt lets <paramref name="agent"/> fetch <paramref name="url"/> (see <see cref="CheckRobotsAsync"/>).</summary>
    public async Task<bool> IsAllowedByRobotsAsync(Uri url, CrawlerAgent agent, CancellationToken ct) =>
        (await CheckRobotsAsync(url, agent, ct)).Allowed;

    /// <summary>
    /// Checks robots.txt (RFC 9309) for <paramref name="agent"/>'s product tokens. The file is fetched through this
    /// fetcher once per origin (with the service's own user agent) for every crawler and kept a day; one that cannot be
    /// read is retried after <see cref="FetchOptions.FailureReuseSeconds"/>. A missing file (4xx) allows everything; an
    /// unreachable one (5xx, network failure, blocked address) disallows everything.
    /// </summary>
    public async Task<RobotsCheck> CheckRobotsAsync(Uri url, CrawlerAgent agent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        var invalid = UrlGuard.Check(url, _policy);
        if (invalid is not null)
        {
            return new RobotsCheck(false, null, null, invalid.Detail);
        }

        var robotsUrl = new UriBuilder(url.Scheme, url.Host, url.Port, "/robots.txt").Uri;
        // One robots.txt per origin, read for every crawler's group, shared by concurrent checks; cancelling stops this wait only.
        var entry = await _robots.GetOrLoadAsync(robotsUrl.AbsoluteUri, () => LoadRobotsAsync(robotsUrl), ct);
        var (allowed, rule) = entry.File.Decide(CrawlerUserAgents.RobotsTokens(agent), url.PathAndQuery);
        var reason = rule is null
            ? $"{entry.Source}: no rule matches {url.PathAndQuery}, so it is {(allowed ? "allowed" : "disallowed")}"
            : $"{entry.Source}: '{rule}' decides {url.PathAndQuery} for {agent}";
        return new RobotsCheck(allowed, robotsUrl, rule, reason);
    }

    public void Dispose()
    {
        _client.Dispose();
        _gate.Dispose();
    }

    // A span named for what is fetched, so a trace reads "fetch page", "fetch robots", … under the request.
    private static Activity? StartFetch(string purpose, Uri url) =>
        CardServiceTelemetry.Source.StartActivity("fetch " + purpose, ActivityKind.Client)?.SetTag(CardServiceTelemetry.Tags.Url, url?.AbsoluteUri);

    private async Task<RobotsEntry> LoadRobotsAsync(Uri robotsUrl)
    {
        using var activity = StartFetch("robots", robotsUrl);
        var result = await FetchDocumentAsync(robotsUrl, CrawlerAgent.Default, "text/plain,*/*;q=0.5", _options.MaxRobotsBytes, _options.MaxRobotsBytes, CancellationToken.None);
        activity?.SetTag(CardServiceTelemetry.Tags.HttpStatus, result.Response?.StatusCode);
        CardServiceTelemetry.RecordFetch("robots", result.Failure, activity);
        if (!result.IsSuccess)
        {
            return new RobotsEntry(RobotsTxt.DisallowAll, $"{robotsUrl} is unreachable ({result.Failure.Kind}: {result.Failure.Detail}); assuming complete disallow", false);
        }

        var status = result.Response.StatusCode;
        return status switch
        {
            >= 200 and < 300 => new RobotsEntry(RobotsTxt.Parse(Encoding.UTF8.GetString(result.Response.Body.Span)), $"{robotsUrl}", true),
            >= 400 and < 500 => new RobotsEntry(RobotsTxt.AllowAll, $"{robotsUrl} answered {status} (unavailable, everything allowed)", true),
            _ => new RobotsEntry(RobotsTxt.DisallowAll, $"{robotsUrl} answered {status} (unreachable, assuming complete disallow)", false),
        };
    }

    private async Task<FetchResult> FetchDocumentAsync(Uri url, CrawlerAgent agent, string accept, long maxWire, long maxDecoded, CancellationToken ct)
    {
        using var budget = new Budget(this, ct);
        var (turn, busy) = await EnterGateAsync(url, budget);
        if (busy is not null)
        {
            return FetchResult.Failed(busy);
        }

        using var heldTurn = turn;
        var exchange = await SendAsync(url, CrawlerUserAgents.For(agent, _options.UserAgent), accept, null, budget);
        if (exchange.Failure is not null)
        {
            return FetchResult.Failed(exchange.Failure);
        }

        using var response = exchange.Response!;
        try
        {
            var encoding = response.Content.Headers.ContentEncoding.Count == 0 ? null : string.Join(", ", response.Content.Headers.ContentEncoding);
            await using var stream = await response.Content.ReadAsStreamAsync(budget.Token);
            var body = await BodyReader.ReadAsync(stream, encoding, maxWire, maxDecoded, budget.Token);
            var headers = HeadersOf(response);
            return FetchResult.Success(new FetchedResponse(
                url,
                exchange.FinalUrl,
                (int)response.StatusCode,
                exchange.Redirects,
                response.Content.Headers.ContentType?.ToString(),
                encoding,
                headers.GetValueOrDefault("X-Robots-Tag"),
                headers,
                body.Buffer.AsMemory(0, body.Length),
                body.Truncated,
                exchange.RemoteAddress,
                budget.Elapsed));
        }
        catch (Exception e) when (IsFetchError(e))
        {
            return FetchResult.Failed(budget.Classify(e, exchange.FinalUrl));
        }
    }

    // A turn at the gate for the host asked for, held until the body is read; waiting counts against the fetch's time limit.
    // A URL the guard refuses takes no turn: it fails in SendAsync without touching the network.
    private async Task<(IDisposable? Turn, FetchFailure? Busy)> EnterGateAsync(Uri url, Budget budget)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (UrlGuard.Check(url, _policy) is not null)
        {
            return (null, null);
        }

        try
        {
            var turn = await _gate.EnterAsync(url.IdnHost, budget.Token);
            return turn is null
                ? (null, new(FetchFailureKind.Busy, url, $"{_options.MaxConcurrentFetches} fetches are running and {_options.MaxQueuedFetches} are waiting, so {url.Host} was not fetched; try again in a second"))
                : (turn, null);
        }
        catch (OperationCanceledException e)
        {
            return (null, budget.Classify(e, url));
        }
    }

    private sealed record Exchange(HttpResponseMessage? Response, Uri FinalUrl, ImmutableArray<RedirectHop> Redirects, IPAddress? RemoteAddress, FetchFailure? Failure);

    // Sends GET and follows redirects by hand: each hop is re-checked up front and again at connect time.
    private async Task<Exchange> SendAsync(Uri url, string userAgent, string accept, string? range, Budget budget)
    {
        ArgumentNullException.ThrowIfNull(url);
        var hops = ImmutableArray.CreateBuilder<RedirectHop>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = url;
        while (true)
        {
            var refused = UrlGuard.Check(current, _policy);
            if (refused is not null)
            {
                return new Exchange(null, current, hops.ToImmutable(), null, refused);
            }

            seen.Add(WithoutFragment(current));
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", range is null ? "gzip, deflate, br" : "identity");
            if (range is not null)
            {
                request.Headers.TryAddWithoutValidation("Range", range);
            }

            var remote = new StrongBox<IPAddress?>();
            request.Options.Set(RemoteAddressKey, remote);
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, budget.Token);
            }
            catch (Exception e) when (IsFetchError(e))
            {
                return new Exchange(null, current, hops.ToImmutable(), null, budget.Classify(e, current));
            }

            var status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
            {
                return new Exchange(response, current, hops.ToImmutable(), remote.Value, null);
            }

            response.Dispose();
            if (!Uri.TryCreate(current, location, out var next))
            {
                return new Exchange(null, current, hops.ToImmutable(), null, new(FetchFailureKind.InvalidUrl, current, $"{current} redirects to '{location}', which is not a URL"));
            }

            if (WebUrl.IsHttp(next) && WebUrl.DnsHost(next) is not null && !WebUrl.TryResolve(current, location.OriginalString, out _))
            {
                // "Location: http://0x7f.1/" is read as 127.0.0.1: a numeric host is followed only when written a.b.c.d.
                return new Exchange(null, current, hops.ToImmutable(), null, new(FetchFailureKind.InvalidUrl, next,
                    $"{current} redirects to '{WebUrl.Shorten(location.OriginalString)}', whose host is not an IPv4 address written as four decimal numbers"));
            }

            hops.Add(new RedirectHop(current, next, status));
            if (seen.Contains(WithoutFragment(next)))
            {
                return new Exchange(null, next, hops.ToImmutable(), null, new(FetchFailureKind.TooManyRedirects, next, $"redirect loop: {string.Join(" → ", hops.Select(h => h.From).Append(next))}"));
            }

            if (hops.Count > _options.MaxRedirects)
            {
                return new Exchange(null, next, hops.ToImmutable(), null, new(FetchFailureKind.TooManyRedirects, next, $"{url} redirects more than {_options.MaxRedirects} times (last to {next})"));
            }

            current = next;
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var url = context.InitialRequestMessage.RequestUri;
        var host = context.DnsEndPoint.Host;
        using var connectTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.ConnectTimeoutSeconds), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, connectTimeout.Token);
        try
        {
            var refused = UrlGuard.CheckHost(url, host, _policy);
            if (refused is not null)
            {
                throw new FetchRefusedException(refused);
            }

            IPAddress[] addresses;
            if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
            {
                addresses = [literal];
            }
            else
            {
                try
                {
                    addresses = await _resolve(host, linked.Token);
                }
                catch (SocketException e)
                {
                    throw new FetchRefusedException(new(FetchFailureKind.Dns, url, $"{host} did not resolve: {e.Message}"));
                }

                if (addresses.Length == 0)
                {
                    throw new FetchRefusedException(new(FetchFailureKind.Dns, url, $"{host} resolved to no addresses"));
                }
            }

            // One blocked answer condemns the name: a host mixing public and private addresses is a rebinding tell.
            foreach (var address in addresses)
            {
                if (_policy.Check(address) is { } why)
                {
                    throw new FetchRefusedException(new(FetchFailureKind.BlockedAddress, url, $"{host} resolves to a refused address: {why}"));
                }
            }

            SocketException? last = null;
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    Interlocked.Increment(ref _socketConnects);
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), linked.Token);
                    if (context.InitialRequestMessage.Options.TryGetValue(RemoteAddressKey, out var box))
                    {
                        box.Value = address;
                    }

                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    last = e;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }

            throw new FetchRefusedException(new(FetchFailureKind.Connect, url, $"could not connect to {host}:{context.DnsEndPoint.Port} ({string.Join(", ", addresses.Select(a => a.ToString()))}): {last?.Message}"));
        }
        catch (OperationCanceledException) when (connectTimeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new FetchRefusedException(new(FetchFailureKind.Timeout, url, $"connecting to {host}:{context.DnsEndPoint.Port} took longer than {_options.ConnectTimeoutSeconds} s"));
        }
    }

    private static bool IsFetchError(Exception e) =>
        e is HttpRequestException or IOException or SocketException or InvalidDataException or OperationCanceledException or FetchRefusedException or AuthenticationException;

    private static string WithoutFragment(Uri url) => url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);

    private static ImmutableDictionary<string, string> HeadersOf(HttpResponseMessage response)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            builder[name] = string.Join(", ", values);
        }

        return builder.ToImmutable();
    }

    /// <summary>The total time limit for one fetch, and the mapping from what went wrong to a failure kind.</summary>
    private sealed class Budget : IDisposable
    {
        private readonly PageFetcher _owner;
        private readonly CancellationToken _caller;
        private readonly CancellationTokenSource _timeout;
        private readonly CancellationTokenSource _linked;
        private readonly long _started;

        public Budget(PageFetcher owner, CancellationToken caller)
        {
            _owner = owner;
            _caller = caller;
            _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(owner._options.TimeoutSeconds), owner._time);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _timeout.Token);
            _started = owner._time.GetTimestamp();
        }

        public CancellationToken Token => _linked.Token;

        public TimeSpan Elapsed => _owner._time.GetElapsedTime(_started);

        /// <summary>Turns an exception into a failure; rethrows when the caller cancelled.</summary>
        public FetchFailure Classify(Exception e, Uri url)
        {
            _caller.ThrowIfCancellationRequested();
            for (var inner = e; inner is not null; inner = inner.InnerException)
            {
                if (inner is FetchRefusedException refused)
                {
                    return refused.Failure with { Url = refused.Failure.Url ?? url };
                }
            }

            if (e is OperationCanceledException || _timeout.IsCancellationRequested)
            {
                return new(FetchFailureKind.Timeout, url, $"{url} did not finish within {_owner._options.TimeoutSeconds} s");
            }

            if (e is AuthenticationException || e.InnerException is AuthenticationException || (e as HttpRequestException)?.HttpRequestError == HttpRequestError.SecureConnectionError)
            {
                return new(FetchFailureKind.Tls, url, $"TLS with {url.Authority} failed: {Innermost(e).Message}");
            }

            return (e as HttpRequestException)?.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => new(FetchFailureKind.Dns, url, $"{url.Host} did not resolve: {Innermost(e).Message}"),
                HttpRequestError.ConfigurationLimitExceeded => new(FetchFailureKind.TooLarge, url, $"{url} sent response headers over the limit"),
                HttpRequestError.InvalidResponse => new(FetchFailureKind.Connect, url, $"{url} did not answer with valid HTTP: {Innermost(e).Message}"),
                _ when e is InvalidDataException => new(FetchFailureKind.Connect, url, $"{url} sent a body that does not decode: {e.Message}"),
                _ => new(FetchFailureKind.Connect, url, $"the connection to {url.Authority} failed: {Innermost(e).Message}"),
            };
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException is not null)
            {
                e = e.InnerException;
            }

            return e;
        }

        public void Dispose()
        {
            _linked.Dispose();
            _timeout.Dispose();
        }
    }

    private sealed record RobotsEntry(RobotsTxt File, string Source, bool Cacheable);
}

/// <summary>Carries a refusal out of the connection layer, where only exceptions can travel.</summary>
internal sealed class FetchRefusedException(FetchFailure failure) : Exception(failure.Detail)
{
    public FetchFailure Failure { get; } = failure;
}
