namespace CardService.Core.Tests.Support;

/// <summary>A clock tests move by hand, so lifetimes are tested without waiting. Timers and timestamps stay the system's.</summary>
public sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
