namespace CardService.Core.Cards;

/// <summary>
/// Caps the managed (GC) heap from configuration. Without a cap the workstation GC lets garbage (card buffers, encoder
/// output, request bodies) pile up to ≈ 145 MB under a burst of large cards before a full collection; with one it
/// collects before it grows past the cap. Environment variables are read only when the runtime starts, so the cap is set
/// through <see cref="AppContext"/> and applied with <see cref="GC.RefreshMemoryLimit"/>.
/// </summary>
public static class ManagedHeap
{
    /// <summary>The smallest cap accepted: the app idles at ≈ 20 MB of managed heap.</summary>
    public const long MinLimitBytes = 32L * 1024 * 1024;

    /// <summary>Caps the managed heap at <paramref name="limitBytes"/>; 0 leaves the runtime's own limit (75 % of a container's memory limit).</summary>
    public static void Limit(long limitBytes)
    {
        if (limitBytes == 0)
        {
            return;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(limitBytes, MinLimitBytes);
        AppContext.SetData("GCHeapHardLimit", (ulong)limitBytes);
        GC.RefreshMemoryLimit();
    }
}
