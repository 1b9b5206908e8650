using Jint;
using Jint.Runtime;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// Stops a script at its next statement when the burst running it must stop (<see cref="IExpressionScope.Stopping"/>).
/// Jint's own cancellation constraint holds one token for an engine's life; this one is given the burst's token before
/// each evaluation, since an engine serves many bursts (<see cref="SandboxedEngine"/>).
/// </summary>
internal sealed class StopSignal : Constraint
{
    public CancellationToken Stopping { get; set; }

    public override void Check()
    {
        if (Stopping.IsCancellationRequested)
        {
            throw new ExecutionCanceledException();
        }
    }

    public override void Reset()
    {
    }
}
