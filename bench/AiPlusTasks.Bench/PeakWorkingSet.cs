using System.Diagnostics;

namespace AiPlusTasks.Bench;

/// <summary>The process's peak working set so far (VmHWM on Linux); each scenario runs in a process of its own.</summary>
internal static class PeakWorkingSet
{
    public static long Bytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }
}
