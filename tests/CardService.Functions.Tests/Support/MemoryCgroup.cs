using System.Globalization;
using System.Runtime.InteropServices;

namespace CardService.Functions.Tests.Support;

/// <summary>
/// A memory cgroup with a hard limit and no swap, made below this process's own cgroup for one test and removed on dispose:
/// what a container's memory limit is, enforced by the kernel (it reclaims file pages and, when that is not enough, kills a
/// process in the group). cgroup v1's memory controller, or v2's where it is delegated to this process's cgroup; the tests
/// run as root, as CI does. <see cref="StartIn"/> starts the app inside it.
/// </summary>
public sealed class MemoryCgroup : IDisposable
{
    private readonly string _directory;
    private readonly bool _v2;
    private readonly string _copy = Directory.CreateTempSubdirectory("cardservice-cgroup-").FullName;

    private MemoryCgroup(string directory, bool v2)
    {
        _directory = directory;
        _v2 = v2;
    }

    public string ProcsFile => Path.Combine(_directory, "cgroup.procs");

    /// <summary>
    /// The command that starts <paramref name="appDll"/> in this group: a shell joins it, copies the .NET runtime and the app's
    /// folder into a folder of the group's own, and execs the copy from there. Files another process already read are charged
    /// to that process's group, so without the copy the framework and assemblies this test process shares with the app would
    /// cost the app nothing; copied, every page the app runs from is charged here, as in a container whose image nobody else
    /// on the node has read. Each group copies afresh (≈ 200 MB): the pages an earlier group read stay cached after it is
    /// removed, still charged to it or to its parent, so a shared copy would cost a later group nothing. The runtime reads
    /// the limit at start and sizes its heap by it.
    /// </summary>
    public (string Program, string[] Arguments) StartIn(string appDll)
    {
        var netCore = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/'); // <root>/shared/Microsoft.NETCore.App/<version>
        var aspNetCore = Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!;
        var root = Path.GetFullPath(Path.Combine(netCore, "..", "..", ".."));
        const string Script = """
            echo $$ > "$1" || exit 97
            mkdir -p "$6/dotnet/shared/Microsoft.NETCore.App" "$6/dotnet/shared/Microsoft.AspNetCore.App" || exit 98
            cp -r "$2/dotnet" "$2/host" "$6/dotnet/" &&
              cp -r "$3" "$6/dotnet/shared/Microsoft.NETCore.App/" &&
              cp -r "$4" "$6/dotnet/shared/Microsoft.AspNetCore.App/" &&
              cp -r "$5" "$6/app" || exit 99
            cd "$6/app" && exec "$6/dotnet/dotnet" "$6/app/$7"
            """;
        return ("/bin/sh", ["-c", Script, "sh", ProcsFile, root, netCore, aspNetCore, Path.GetDirectoryName(appDll)!, _copy, Path.GetFileName(appDll)]);
    }

    /// <summary>How many times the kernel killed a process in the group because it held more than the limit.</summary>
    public long OomKills => Counter(_v2 ? "memory.events" : "memory.oom_control", "oom_kill");

    /// <summary>The most memory charged to the group at once (v1: <c>memory.max_usage_in_bytes</c>; v2: <c>memory.peak</c>).</summary>
    public long PeakBytes => long.Parse(File.ReadAllText(Path.Combine(_directory, _v2 ? "memory.peak" : "memory.max_usage_in_bytes")).Trim(),
        CultureInfo.InvariantCulture);

    public static MemoryCgroup Create(long limitBytes)
    {
        var name = $"cardservice-test-{Environment.ProcessId}-{Guid.NewGuid():N}";
        var own = File.ReadAllLines("/proc/self/cgroup").Select(l => l.Split(':', 3)).ToArray();
        var problems = new List<string>();

        // v1: "N:memory:/path" with the controller mounted at /sys/fs/cgroup/memory.
        if (own.FirstOrDefault(f => f[1].Split(',').Contains("memory")) is { } v1 && Directory.Exists("/sys/fs/cgroup/memory"))
        {
            var directory = Path.Combine("/sys/fs/cgroup/memory" + v1[2], name);
            if (TryMake(directory, problems))
            {
                File.WriteAllText(Path.Combine(directory, "memory.limit_in_bytes"), limitBytes.ToString(CultureInfo.InvariantCulture));
                var memsw = Path.Combine(directory, "memory.memsw.limit_in_bytes"); // absent when swap accounting is off
                if (File.Exists(memsw))
                {
                    File.WriteAllText(memsw, limitBytes.ToString(CultureInfo.InvariantCulture));
                }

                return new MemoryCgroup(directory, v2: false);
            }
        }

        // v2: "0::/path"; a child can limit memory only where the parent delegates the controller to its children.
        if (own.FirstOrDefault(f => f[0] == "0") is { } unified)
        {
            var root = File.Exists("/sys/fs/cgroup/cgroup.controllers") ? "/sys/fs/cgroup" : "/sys/fs/cgroup/unified";
            var parent = root + unified[2];
            var delegated = Path.Combine(parent, "cgroup.subtree_control");
            if (File.Exists(delegated) && File.ReadAllText(delegated).Split(' ', '\n').Contains("memory"))
            {
                var directory = Path.Combine(parent, name);
                if (TryMake(directory, problems))
                {
                    File.WriteAllText(Path.Combine(directory, "memory.max"), limitBytes.ToString(CultureInfo.InvariantCulture));
                    File.WriteAllText(Path.Combine(directory, "memory.swap.max"), "0");
                    return new MemoryCgroup(directory, v2: true);
                }
            }
            else
            {
                problems.Add($"cgroup v2 at {parent} does not delegate the memory controller to its children");
            }
        }

        throw new InvalidOperationException(
            "This test runs the app under a real memory limit and needs a memory cgroup it can make (as root, with cgroup v1's memory " +
            $"controller or a delegated v2 one): {(problems.Count == 0 ? "no memory controller is mounted" : string.Join("; ", problems))}.");
    }

    public void Dispose()
    {
        Directory.Delete(_copy, recursive: true);

        // The kernel refuses to remove a group until its last process has gone, which a killed process takes a moment to do.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                Directory.Delete(_directory);
                return;
            }
            catch (IOException) when (attempt < 49)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static bool TryMake(string directory, List<string> problems)
    {
        try
        {
            Directory.CreateDirectory(directory);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{directory}: {e.Message}");
            return false;
        }
    }

    private long Counter(string file, string name) =>
        File.ReadAllLines(Path.Combine(_directory, file))
            .Select(l => l.Split(' '))
            .Where(f => f.Length == 2 && f[0] == name)
            .Select(f => long.Parse(f[1], CultureInfo.InvariantCulture))
            .SingleOrDefault();
}
