using System.Diagnostics;
using System.Globalization;

namespace CardService.Cli.Diagnostics;

/// <summary>
/// With <c>CARDSERVICE_TRACE=1</c>, one stderr line per step of a run: milliseconds since the kernel started the process
/// (so runtime start-up shows too), the CPU time of all its threads so far (what a loaded machine distorts least) and what
/// just finished. How docs/PERFORMANCE.md splits a whole-blog run; silent otherwise.
/// </summary>
internal static class RunTrace
{
    public const string EnvironmentVariable = "CARDSERVICE_TRACE";

    public static readonly bool Enabled = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value && value != "0";

    private static readonly DateTime Started = Enabled ? Process.GetCurrentProcess().StartTime.ToUniversalTime() : default;

    public static void Mark(string step)
    {
        if (Enabled)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[trace] {(DateTime.UtcNow - Started).TotalMilliseconds,7:F1} ms wall {cpu,7:F1} ms cpu  {step}"));
        }
    }

    /// <summary>A timestamp for <see cref="Since"/>; free when tracing is off.</summary>
    public static long Now() => Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Ticks since <paramref name="start"/>, to add up per-card costs across threads with <see cref="Interlocked"/>.</summary>
    public static long Since(long start) => Enabled ? Stopwatch.GetTimestamp() - start : 0;

    public static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
