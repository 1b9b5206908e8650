using Jint.Runtime;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// What one evaluation may still allocate. Jint's memory limit is checked between statements, so a single built-in call
/// (<c>'x'.repeat(2 ** 27)</c>, <c>new ArrayBuffer(2 ** 30)</c>) could allocate far past it before the next check; the
/// guarded built-ins (<see cref="JavaScriptSandbox"/>) charge what they are about to allocate here first, against the
/// same limit and the same measure (the bytes this thread allocated since the evaluation began).
/// </summary>
internal sealed class AllocationBudget(long limitBytes)
{
    private long _start = GC.GetAllocatedBytesForCurrentThread();

    public long LimitBytes => limitBytes;

    /// <summary>Bytes left before the limit.</summary>
    public long RemainingBytes => limitBytes - (GC.GetAllocatedBytesForCurrentThread() - _start);

    /// <summary>Starts counting from now (just before the script runs, as Jint's own limit does).</summary>
    public void Restart() => _start = GC.GetAllocatedBytesForCurrentThread();

    /// <summary>Fails with Jint's memory-limit error when <paramref name="bytes"/> more would pass the limit.</summary>
    /// <exception cref="MemoryLimitExceededException">The allocation would pass the limit.</exception>
    public void Charge(double bytes, string what)
    {
        if (bytes > RemainingBytes)
        {
            throw new MemoryLimitExceededException($"{what} would allocate {bytes:0} bytes, more than the limit of {limitBytes} bytes allows");
        }
    }
}
