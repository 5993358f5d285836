using CardService.Core.Caching;
using CardService.Core.Tests.Support;

namespace CardService.Core.Tests.Caching;

public class SingleFlightCacheTests
{
    private static readonly TimeSpan Success = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Failure = TimeSpan.FromSeconds(15);

    private readonly ManualClock _clock = new();
    private int _loads;

    // Values starting with "fail" stand for failures, kept for less time.
    private SingleFlightCache<string> CreateSut(long capacity = 100) =>
        new(capacity, v => v.Length, v => v.StartsWith("fail", StringComparison.Ordinal) ? Failure : Success, _clock);

    private Task<string> Load(string value)
    {
        Interlocked.Increment(ref _loads);
        return Task.FromResult(value);
    }

    [Fact]
    public async Task GetOrLoadAsync_ConcurrentCallers_ShareOneLoad()
    {
        var sut = CreateSut();
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string> Gated()
        {
            Interlocked.Increment(ref _loads);
            return gate.Task;
        }

        var callers = Enumerable.Range(0, 50).Select(_ => sut.GetOrLoadAsync("page", Gated, CancellationToken.None)).ToArray();
        gate.SetResult("value");
        var values = await Task.WhenAll(callers);

        Assert.All(values, v => Assert.Equal("value", v));
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task GetOrLoadAsync_WithinLifetime_ReusesAndAfterItLoadsAgain()
    {
        var sut = CreateSut();
        await sut.GetOrLoadAsync("page", () => Load("value"), CancellationToken.None);
        _clock.Now += Success - TimeSpan.FromSeconds(1);
        await sut.GetOrLoadAsync("page", () => Load("value"), CancellationToken.None);
        Assert.Equal(1, _loads);

        _clock.Now += TimeSpan.FromSeconds(1);
        await sut.GetOrLoadAsync("page", () => Load("value"), CancellationToken.None);

        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task GetOrLoadAsync_Failure_IsKeptForItsOwnShorterLifetime()
    {
        var sut = CreateSut();
        await sut.GetOrLoadAsync("page", () => Load("failed"), CancellationToken.None);
        _clock.Now += Failure - TimeSpan.FromSeconds(1);
        Assert.Equal("failed", await sut.GetOrLoadAsync("page", () => Load("value"), CancellationToken.None));

        _clock.Now += TimeSpan.FromSeconds(1);

        Assert.Equal("value", await sut.GetOrLoadAsync("page", () => Load("value"), CancellationToken.None));
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task GetOrLoadAsync_ZeroCapacity_KeepsNothingButStillSharesConcurrentLoads()
    {
        var sut = CreateSut(capacity: 0);
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = sut.GetOrLoadAsync("page", () => { _loads++; return gate.Task; }, CancellationToken.None);
        var second = sut.GetOrLoadAsync("page", () => { _loads++; return gate.Task; }, CancellationToken.None);
        gate.SetResult("value");
        await Task.WhenAll(first, second);
        Assert.Equal(1, _loads);

        await sut.GetOrLoadAsync("page", () => Load("value"), CancellationToken.None);

        Assert.Equal(2, _loads);
        Assert.Equal(0, sut.Count);
    }

    [Fact]
    public async Task GetOrLoadAsync_LoadThrows_EveryWaiterSeesItAndNothingIsKept()
    {
        var sut = CreateSut();

        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.GetOrLoadAsync("page", () => throw new InvalidOperationException("bug"), CancellationToken.None));

        Assert.Equal("value", await sut.GetOrLoadAsync("page", () => Load("value"), CancellationToken.None));
    }

    [Fact]
    public async Task GetOrLoadAsync_CallerCancels_OthersStillGetTheSharedLoad()
    {
        var sut = CreateSut();
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();
        var impatient = sut.GetOrLoadAsync("page", () => gate.Task, cancel.Token);
        var patient = sut.GetOrLoadAsync("page", () => gate.Task, CancellationToken.None);

        await cancel.CancelAsync();
        gate.SetResult("value");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.Equal("value", await patient);
        Assert.True(sut.TryGet("page", out _));
    }
}
