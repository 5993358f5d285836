using System.Globalization;
using CardService.Core.Fetching;

namespace CardService.Cli.Commands;

/// <summary>
/// Reads an image file the user named, safely: a regular file (symbolic links followed), its size checked before any byte
/// is read, and read with a cap. Devices (<c>/dev/zero</c>), pipes and sockets report no size and are refused before they
/// are opened, so they can neither fill memory nor block.
/// </summary>
internal static class LocalImageFile
{
    /// <summary>The largest image file read: the same cap as a downloaded image (<see cref="FetchOptions.MaxImageBytes"/>).</summary>
    public static readonly long MaxBytes = new FetchOptions().MaxImageBytes;

    /// <summary>The file's bytes, or why they cannot be used as a sentence naming the file.</summary>
    public static (byte[]? Bytes, string? Problem) Read(string path)
    {
        try
        {
            var file = new FileInfo(path);
            var target = file.LinkTarget is null ? file : file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
            if (Directory.Exists(path))
            {
                return (null, $"'{path}' is a folder, not an image file.");
            }

            if (target is null || !target.Exists)
            {
                return (null, $"No such file '{path}'.");
            }

            // A device, pipe or socket has no size to read: refuse it before opening (a pipe would block, /dev/zero never ends).
            if (target.Length == 0)
            {
                return (null, $"'{path}' is empty or not a regular file (a device, pipe or socket); give an image file.");
            }

            if (target.Length > MaxBytes)
            {
                return (null, TooLarge(path, target.Length));
            }

            return ReadCapped(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return (null, $"'{path}' cannot be read: {e.Message}");
        }
    }

    private static (byte[]? Bytes, string? Problem) ReadCapped(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        if (!stream.CanSeek)
        {
            return (null, $"'{path}' is not a regular file; give an image file.");
        }

        // The size was checked, but a file may grow while it is read: never take more than the cap.
        var buffer = new byte[(int)Math.Min(stream.Length, MaxBytes) + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return total > MaxBytes ? (null, TooLarge(path, total)) : (buffer[..total], null);
    }

    private static string TooLarge(string path, long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"'{path}' is {bytes / 1024.0 / 1024.0:0.#} MB; an image file may be at most {MaxBytes / 1024 / 1024} MB.");
}
