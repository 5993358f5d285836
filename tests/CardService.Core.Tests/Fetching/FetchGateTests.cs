using CardService.Core.Fetching;

namespace CardService.Core.Tests.Fetching;

public class FetchGateTests
{
    private static FetchGate CreateSut(int concurrent, int queued, int perHost) =>
        new(new FetchOptions { MaxConcurrentFetches = concurrent, MaxQueuedFetches = queued, MaxFetchesPerHost = perHost });

    [Fact]
    public async Task EnterAsync_HostAtItsLimit_WaitsWhileAnotherHostGoesAhead()
    {
        using var sut = CreateSut(concurrent: 8, queued: 8, perHost: 2);
        var first = await sut.EnterAsync("busy.example", CancellationToken.None);
        using var second = await sut.EnterAsync("busy.example", CancellationToken.None);

        var third = sut.EnterAsync("busy.example", CancellationToken.None);
        using var other = await sut.EnterAsync("quiet.example", CancellationToken.None);
        Assert.False(third.IsCompleted);
        Assert.NotNull(other);
        first!.Dispose();
        using var turn = await third;

        Assert.NotNull(turn);
    }

    [Fact]
    public async Task EnterAsync_HostNamesDifferInCase_ShareOneLimit()
    {
        using var sut = CreateSut(concurrent: 8, queued: 8, perHost: 1);
        using var first = await sut.EnterAsync("Site.Example", CancellationToken.None);

        var second = sut.EnterAsync("site.example", CancellationToken.None);

        Assert.False(second.IsCompleted);
    }

    [Fact]
    public async Task EnterAsync_AllSlotsBusyAndQueueFull_TurnsTheCallerAway()
    {
        using var sut = CreateSut(concurrent: 1, queued: 1, perHost: 1);
        using var running = await sut.EnterAsync("a.example", CancellationToken.None);
        var waiting = sut.EnterAsync("b.example", CancellationToken.None);

        var turnedAway = await sut.EnterAsync("c.example", CancellationToken.None);

        Assert.Null(turnedAway);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(2, sut.Inside);
    }

    [Fact]
    public async Task EnterAsync_WaiterCancelled_LeavesNoTraceAndFreesItsPlace()
    {
        using var sut = CreateSut(concurrent: 1, queued: 1, perHost: 1);
        var running = await sut.EnterAsync("a.example", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = sut.EnterAsync("a.example", cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        running!.Dispose();
        using var again = await sut.EnterAsync("a.example", CancellationToken.None);

        Assert.NotNull(again);
        Assert.Equal(1, sut.Inside);
    }

    [Fact]
    public async Task Turn_DisposedTwice_ReleasesOnce()
    {
        using var sut = CreateSut(concurrent: 1, queued: 0, perHost: 1);
        var turn = await sut.EnterAsync("a.example", CancellationToken.None);

        turn!.Dispose();
        turn.Dispose();
        using var again = await sut.EnterAsync("a.example", CancellationToken.None);

        Assert.NotNull(again);
        Assert.Null(await sut.EnterAsync("a.example", CancellationToken.None));
    }
}
