using CardService.Core.Cards;

namespace CardService.Core.Tests.Cards;

public class RenderGateTests
{
    private static RenderGate CreateSut(int renders, int queued) =>
        new(new CardRenderingOptions { MaxConcurrentRenders = renders, MaxQueuedRenders = queued });

    [Fact]
    public async Task EnterAsync_AllSlotsBusyAndNoQueue_TurnsTheCallerAway()
    {
        using var sut = CreateSut(renders: 1, queued: 0);
        using var first = await sut.EnterAsync(CancellationToken.None);

        var second = await sut.EnterAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task EnterAsync_QueueHasRoom_WaitsForTheSlotToBeReleased()
    {
        using var sut = CreateSut(renders: 1, queued: 1);
        var first = await sut.EnterAsync(CancellationToken.None);

        var waiting = sut.EnterAsync(CancellationToken.None);
        var turnedAway = await sut.EnterAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, sut.Waiting);
        first!.Dispose();
        using var second = await waiting;

        Assert.Null(turnedAway);
        Assert.NotNull(second);
        Assert.Equal(0, sut.Waiting);
    }

    [Fact]
    public async Task Slot_DisposedTwice_ReleasesOnce()
    {
        using var sut = CreateSut(renders: 1, queued: 0);
        var slot = await sut.EnterAsync(CancellationToken.None);

        slot!.Dispose();
        slot.Dispose();
        using var again = await sut.EnterAsync(CancellationToken.None);

        Assert.NotNull(again);
        Assert.Null(await sut.EnterAsync(CancellationToken.None));
    }
}
