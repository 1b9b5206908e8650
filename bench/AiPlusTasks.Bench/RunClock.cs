using System.Diagnostics;

namespace AiPlusTasks.Bench;

/// <summary>
/// Wall time and this process's CPU time over a measured run. On a shared 2-core machine the wall time swings with
/// what else runs; CPU time per unit of work is the steadier figure for comparing two builds of the same engine.
/// </summary>
internal sealed class RunClock
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart = CpuNow();
    private readonly long _jittedAtStart = System.Runtime.JitInfo.GetCompiledMethodCount();
    private TimeSpan _cpu;

    public TimeSpan Elapsed => _wall.Elapsed;

    public double CpuSeconds => _cpu.TotalSeconds;

    /// <summary>Methods the JIT compiled during the run (tier-ups and dynamic methods): steady state is near zero.</summary>
    public long MethodsJitted { get; private set; }

    public static RunClock Start() => new();

    public void Stop()
    {
        _wall.Stop();
        _cpu = CpuNow() - _cpuAtStart;
        MethodsJitted = System.Runtime.JitInfo.GetCompiledMethodCount() - _jittedAtStart;
    }

    private static TimeSpan CpuNow()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
