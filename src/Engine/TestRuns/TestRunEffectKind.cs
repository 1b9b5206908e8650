namespace AiPlusTasks.Engine.TestRuns;

/// <summary>What a change beyond the instance would have been, had the <see cref="TestRun"/> been a real run.</summary>
public enum TestRunEffectKind
{
    /// <summary>A task row issued to an agency.</summary>
    TaskCreated,

    /// <summary>A task marked completed with an outcome.</summary>
    TaskCompleted,

    /// <summary>A supervision action on a task (a ladder step or <c>AiPlus.Escalate</c>).</summary>
    TaskEscalated,

    /// <summary>A task cancelled because the workflow stopped waiting for it.</summary>
    TaskCancelled,

    /// <summary>A child workflow instance started.</summary>
    ChildStarted,

    /// <summary>Any other change an activity asked for.</summary>
    Other,
}
