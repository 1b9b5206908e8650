namespace AiPlusTasks.Workflows.Execution;

/// <summary>
/// How a flowchart activity with several forward inbound connections decides to run (docs/decisions/012). Each forward
/// inbound connection delivers one signal per round: live (its source completed on its port) or dead (its source
/// completed on another port, was skipped or was cancelled). A round ends when every forward inbound connection has
/// delivered; an activity that did not run in a round is skipped and passes dead signals on.
/// </summary>
public enum JoinRule
{
    /// <summary>At the end of the round, runs once if at least one signal was live. Elsa's implicit join; <c>FlowJoin</c> <c>WaitAllActive</c>; merge modes <c>Merge</c> and <c>Stream</c>.</summary>
    WaitAllActive,

    /// <summary>At the end of the round, runs once if every signal was live. <c>FlowJoin</c> <c>WaitAll</c>; merge mode <c>Converge</c>.</summary>
    WaitAll,

    /// <summary>Runs on the first live signal of the round and cancels the activities upstream of it that have started. <c>FlowJoin</c>'s default, <c>WaitAny</c>; merge mode <c>Race</c>.</summary>
    WaitAny,

    /// <summary>Runs once for every live signal, without waiting. Merge mode <c>Cascade</c>.</summary>
    Cascade,
}
