using AiPlusTasks.Workflows.Execution;
namespace AiPlusTasks.Engine.TestRuns;

/// <summary>One thing a <see cref="TestRun"/> waits on: one bookmark of the instance, with what a person needs to resume it.</summary>
/// <param name="Id">The bookmark's id; pass it to the run's resume methods.</param>
/// <param name="Kind">What resumes it: a <see cref="BookmarkKinds"/> value.</param>
/// <param name="ActivityId">The activity that waits.</param>
/// <param name="ActivityType">Its type.</param>
/// <param name="EventName">For <see cref="BookmarkKinds.Event"/>: the event's name.</param>
/// <param name="DueAt">For <see cref="BookmarkKinds.Timer"/>: when the timer would fire (UTC).</param>
/// <param name="EscalationLevel">For a human task's escalation timer: the ladder step it fires (from 1); else null.</param>
/// <param name="Task">For <see cref="BookmarkKinds.HumanTask"/>: the task that would have been issued.</param>
/// <param name="Child">For <see cref="BookmarkKinds.ChildWorkflow"/>: the child workflow that would have been started.</param>
public sealed record TestRunWait(
    string Id,
    string Kind,
    string ActivityId,
    string ActivityType,
    string? EventName = null,
    DateTimeOffset? DueAt = null,
    int? EscalationLevel = null,
    TestRunTask? Task = null,
    ChildStart? Child = null);
