using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CardService.Core.Cards.Layout;

/// <summary>
/// The few ICU functions the layout needs — UAX #14 line breaks and UAX #9 bidi levels — called straight from the
/// system ICU that .NET itself uses on Linux. ICU's exports carry its major version (<c>ubrk_open_72</c>), so the
/// library and suffix are probed once. Function pointers instead of a wrapper library keep a fresh process's
/// first card fast (a delegate-based wrapper spent ~65 ms binding itself).
/// </summary>
internal static unsafe class SystemIcu
{
    private const int LineBreakIterator = 2; // UBRK_LINE
    private const int Done = -1; // UBRK_DONE

    private static readonly Lazy<Api> Functions = new(Load);
    // Boxed handles: a bag of a reference type uses the framework's precompiled code, a bag of nint is JIT work at start.
    private static readonly ConcurrentBag<StrongBox<nint>> Iterators = [];

    /// <summary>Every index where ICU allows a line to end, ascending, the text's length last.</summary>
    public static List<int> LineBreakOpportunities(string text)
    {
        var api = Functions.Value;
        var rented = RentIterator(api);
        var iterator = rented.Value;
        try
        {
            var result = new List<int>();
            fixed (char* chars = text)
            {
                var status = 0;
                api.SetText(iterator, chars, text.Length, &status);
                Check(status, "ubrk_setText");
                api.First(iterator);
                for (var position = api.Next(iterator); position != Done; position = api.Next(iterator))
                {
                    result.Add(position);
                }

                // Leave no pointer to the unpinned string behind in the pooled iterator.
                api.SetText(iterator, chars, 0, &status);
            }

            return result;
        }
        finally
        {
            Iterators.Add(rented);
        }
    }

    /// <summary>The embedding level of every UTF-16 unit, and the paragraph's level (0xFE: from the first strong character).</summary>
    public static (byte[] Levels, byte ParagraphLevel) BidiLevels(string text, byte paragraphLevel)
    {
        var api = Functions.Value;
        var bidi = api.BidiOpen();
        if (bidi == 0)
        {
            throw new InvalidOperationException("ICU could not open a bidi object.");
        }

        try
        {
            fixed (char* chars = text)
            {
                var status = 0;
                api.SetPara(bidi, chars, text.Length, paragraphLevel, null, &status);
                Check(status, "ubidi_setPara");
                var levels = api.GetLevels(bidi, &status);
                Check(status, "ubidi_getLevels");
                return (new ReadOnlySpan<byte>(levels, text.Length).ToArray(), api.GetParaLevel(bidi));
            }
        }
        finally
        {
            api.BidiClose(bidi);
        }
    }

    private static StrongBox<nint> RentIterator(Api api)
    {
        if (Iterators.TryTake(out var rented))
        {
            return rented;
        }

        var status = 0;
        nint iterator;
        fixed (byte* locale = "en\0"u8)
        {
            iterator = api.Open(LineBreakIterator, locale, null, 0, &status);
        }

        Check(status, "ubrk_open");
        return new StrongBox<nint>(iterator);
    }

    private static void Check(int status, string function)
    {
        // U_ZERO_ERROR is 0, warnings are negative, failures positive.
        if (status > 0)
        {
            throw new InvalidOperationException($"ICU {function} failed with UErrorCode {status}.");
        }
    }

    private static Api Load()
    {
        // Newest first: the version .NET loaded is almost always the only one installed.
        for (var version = 90; version >= 50; version--)
        {
            if (NativeLibrary.TryLoad($"libicuuc.so.{version}", out var library)
                && NativeLibrary.TryGetExport(library, $"ubrk_open_{version}", out _))
            {
                return new Api(library, $"_{version}");
            }
        }

        if (NativeLibrary.TryLoad("libicuuc.so", out var unversioned) && NativeLibrary.TryGetExport(unversioned, "ubrk_open", out _))
        {
            return new Api(unversioned, string.Empty);
        }

        throw new DllNotFoundException("No system ICU (libicuuc.so.NN) was found; install the libicu package .NET uses (e.g. libicu72).");
    }

    private sealed class Api(nint library, string suffix)
    {
        public readonly delegate* unmanaged<int, byte*, char*, int, int*, nint> Open =
            (delegate* unmanaged<int, byte*, char*, int, int*, nint>)Export(library, "ubrk_open" + suffix);

        public readonly delegate* unmanaged<nint, char*, int, int*, void> SetText =
            (delegate* unmanaged<nint, char*, int, int*, void>)Export(library, "ubrk_setText" + suffix);

        public readonly delegate* unmanaged<nint, int> First = (delegate* unmanaged<nint, int>)Export(library, "ubrk_first" + suffix);

        public readonly delegate* unmanaged<nint, int> Next = (delegate* unmanaged<nint, int>)Export(library, "ubrk_next" + suffix);

        public readonly delegate* unmanaged<nint> BidiOpen = (delegate* unmanaged<nint>)Export(library, "ubidi_open" + suffix);

        public readonly delegate* unmanaged<nint, char*, int, byte, byte*, int*, void> SetPara =
            (delegate* unmanaged<nint, char*, int, byte, byte*, int*, void>)Export(library, "ubidi_setPara" + suffix);

        public readonly delegate* unmanaged<nint, int*, byte*> GetLevels =
            (delegate* unmanaged<nint, int*, byte*>)Export(library, "ubidi_getLevels" + suffix);

        public readonly delegate* unmanaged<nint, byte> GetParaLevel = (delegate* unmanaged<nint, byte>)Export(library, "ubidi_getParaLevel" + suffix);

        public readonly delegate* unmanaged<nint, void> BidiClose = (delegate* unmanaged<nint, void>)Export(library, "ubidi_close" + suffix);

        private static nint Export(nint library, string name) => NativeLibrary.GetExport(library, name);
    }
}
