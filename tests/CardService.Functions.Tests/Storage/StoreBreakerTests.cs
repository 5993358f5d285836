using CardService.Core.Tests.Support;
using CardService.Functions.Storage;
using CardService.Functions.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardService.Functions.Tests.Storage;

/// <summary>The breaker's states on a clock moved by hand: closed, open after a run of failures, one trial after the cool-down.</summary>
public sealed class StoreBreakerTests : IDisposable
{
    private const string Tier = "breaker-unit";

    private readonly ManualClock _clock = new();
    private readonly SkipCounter _skips = new(Tier);

    public void Dispose() => _skips.Dispose();

    private StoreBreaker CreateSut() => new(Tier, failuresToOpen: 3, TimeSpan.FromSeconds(30), _clock, NullLogger.Instance);

    // A breaker that has just seen its run of failures.
    private StoreBreaker CreateOpenSut()
    {
        var sut = CreateSut();
        for (var i = 0; i < 3; i++)
        {
            sut.Failed();
        }

        return sut;
    }

    [Fact]
    public void Failed_FewerThanTheRunInARow_StaysClosed()
    {
        var sut = CreateSut();

        sut.Failed();
        sut.Failed();
        sut.Succeeded(); // an answer ends the run
        sut.Failed();
        sut.Failed();

        Assert.Equal(BreakerState.Closed, sut.State);
        Assert.True(sut.TryEnter());
    }

    [Fact]
    public void TryEnter_AfterTheRunOfFailures_IsRefusedAndCountedUntilTheCoolDownEnds()
    {
        var sut = CreateOpenSut();

        var refused = Enumerable.Range(0, 4).Count(_ => !sut.TryEnter());
        _clock.Now += TimeSpan.FromSeconds(29);
        var stillRefused = !sut.TryEnter();

        Assert.Equal(BreakerState.Open, sut.State);
        Assert.Equal(4, refused);
        Assert.True(stillRefused);
        Assert.Equal(5, _skips.Total);
    }

    [Fact]
    public void TryEnter_AfterTheCoolDown_LetsOneTrialThroughAndItsAnswerCloses()
    {
        var sut = CreateOpenSut();

        _clock.Now += TimeSpan.FromSeconds(30);
        var trial = sut.TryEnter();
        var second = sut.TryEnter(); // while the trial runs, the others still skip
        sut.Succeeded();

        Assert.True(trial);
        Assert.False(second);
        Assert.Equal(BreakerState.Closed, sut.State);
        Assert.True(sut.TryEnter());
    }

    [Fact]
    public void Failed_DuringTheTrial_OpensForAnotherCoolDown()
    {
        var sut = CreateOpenSut();

        _clock.Now += TimeSpan.FromSeconds(30);
        Assert.True(sut.TryEnter());
        Assert.Equal(BreakerState.HalfOpen, sut.State);
        sut.Failed();

        Assert.Equal(BreakerState.Open, sut.State);
        Assert.False(sut.TryEnter());
        _clock.Now += TimeSpan.FromSeconds(30);
        Assert.True(sut.TryEnter());
    }

    [Fact]
    public void TryEnter_TrialThatNeverReports_LetsAnotherTryAfterTheNextCoolDown()
    {
        // A trial whose caller gave up reports nothing; the store must not stay skipped for good.
        var sut = CreateOpenSut();

        _clock.Now += TimeSpan.FromSeconds(30);
        Assert.True(sut.TryEnter());
        Assert.False(sut.TryEnter());
        _clock.Now += TimeSpan.FromSeconds(30);

        Assert.True(sut.TryEnter());
    }
}
