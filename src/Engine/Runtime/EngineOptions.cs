using System.ComponentModel.DataAnnotations;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>Engine settings (section <c>Engine</c>).</summary>
public sealed class EngineOptions
{
    public const string SectionName = "Engine";

    /// <summary>Time zone for cron expressions. Default <c>Asia/Shanghai</c> (China Standard Time).</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>How often the background worker looks for dispatched work it was not told about. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan WorkPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Inline work (a child started by ExecuteWorkflow, a parent resumed by its child) left over this long is taken
    /// by the background worker: its caller died before running it. Default 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan OrphanedWorkAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a background worker holds the work items it claimed; a node that dies holding some leaves them to be
    /// claimed again after this. Default 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WorkClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often timers overdue by more than this are checked for a missing Quartz trigger (left by a node that died
    /// between committing a timer and scheduling it). Default 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TimerSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many times a burst is retried after a concurrent change to its instance. Default 3.</summary>
    [Range(1, 20)]
    public int ConcurrencyRetries { get; set; } = 3;

    /// <summary>
    /// Most bursts committed in one transaction by the group commit (docs/decisions/007). 1 turns group commit off.
    /// Default 64.
    /// </summary>
    [Range(1, 1000)]
    public int MaxBurstsPerCommit { get; set; } = 64;

    /// <summary>
    /// Longest one burst may compute — one queued work item, or the run a request starts — before its instance is faulted
    /// and the work goes on without it. Default 30 seconds. Measured on the real clock (like the JavaScript limits), not
    /// the engine's <c>TimeProvider</c>: it bounds work actually done. At the limit the running script stops at its next
    /// statement and its activity faults; a burst stuck where it cannot be stopped (a native call) is abandoned
    /// <see cref="WorkItemGrace"/> later and the instance faulted from its last committed state, so one script cannot
    /// hold the work queue.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan WorkItemTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long past <see cref="WorkItemTimeout"/> a burst that did not stop is waited for before it is abandoned. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan WorkItemGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many queued work items (of different instances) the background worker runs at once. Default 4.</summary>
    [Range(1, 64)]
    public int WorkConcurrency { get; set; } = 4;

    /// <summary>
    /// How often the workload gauges (tasks open/overdue per colour, work-queue depth and age) are sampled from the
    /// database while a metrics exporter listens; a scrape reads the last sample. Default 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan WorkloadSampleInterval { get; set; } = TimeSpan.FromSeconds(30);
}
