using System.Runtime.InteropServices;

namespace CardService.Core.Cards;

/// <summary>
/// Tunes glibc's allocator, which Skia, libpng and libjpeg allocate from. By default it gives each busy thread its own arena
/// (up to 8 per core) and raises its mmap threshold after every large free, so the megabytes of each card's surface and
/// decoded images come from arenas that fragment and are rarely returned: RSS climbs with the variety of cards and stays up.
/// With a fixed threshold every large buffer is its own mapping, returned when freed; with few arenas the small allocations
/// share heaps. No effect off Linux or without glibc (musl has neither knob).
/// </summary>
public static unsafe class NativeHeap
{
    private const int TrimThreshold = -1; // M_TRIM_THRESHOLD
    private const int MmapThreshold = -3; // M_MMAP_THRESHOLD
    private const int ArenaMax = -8; // M_ARENA_MAX

    /// <summary>Applies the bounds; false when this is not glibc. Safe to call more than once.</summary>
    /// <param name="arenas">The most malloc arenas (glibc's default is 8 per core).</param>
    /// <param name="mmapThresholdBytes">Allocations this large or larger get their own mapping, given back when freed.</param>
    public static bool Configure(int arenas, int mmapThresholdBytes)
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc)
            || !NativeLibrary.TryGetExport(libc, "mallopt", out var mallopt))
        {
            return false;
        }

        var set = (delegate* unmanaged<int, int, int>)mallopt;
        // Setting the mmap threshold also stops glibc from raising it; the trim threshold keeps heap tops short.
        return set(ArenaMax, arenas) == 1
            & set(MmapThreshold, mmapThresholdBytes) == 1
            & set(TrimThreshold, mmapThresholdBytes) == 1;
    }
}
