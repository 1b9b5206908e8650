using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AiPlusTasks.Engine.Telemetry;

/// <summary>
/// The engine's traces and metrics, through <c>System.Diagnostics</c> only (the Host wires OpenTelemetry to them,
/// docs/decisions/035): one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <see cref="Name"/>
/// (<c>dotnet-counters monitor --counters AiPlusTasks.Engine</c> reads the meter without any exporter). Callers check
/// <see cref="Source"/>'s listeners or an instrument's <see cref="Instrument.Enabled"/> before building tags, so with
/// nobody listening the hot path pays one check.
/// </summary>
public static class EngineTelemetry
{
    /// <summary>The name of the engine's activity source and meter.</summary>
    public const string Name = "AiPlusTasks.Engine";

    /// <summary>Spans: a burst, its group commit, the engine's own SQL statements (SQLite), webhook and notification sends.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>The engine's meter; the instruments below and the workload gauges (<see cref="WorkloadGauges"/>) live on it.</summary>
    public static readonly Meter Meter = new(Name);

    /// <summary>Instances whose first burst committed, by <c>definition</c>.</summary>
    public static readonly Counter<long> InstancesStarted = Meter.CreateCounter<long>(
        "aiplustasks.instances.started", "{instance}", "Workflow instances started");

    /// <summary>Instances that ended Finished, by <c>definition</c>.</summary>
    public static readonly Counter<long> InstancesFinished = Meter.CreateCounter<long>(
        "aiplustasks.instances.finished", "{instance}", "Workflow instances finished");

    /// <summary>Instances that became Faulted (an incident opened), by <c>definition</c>.</summary>
    public static readonly Counter<long> InstancesFaulted = Meter.CreateCounter<long>(
        "aiplustasks.instances.faulted", "{instance}", "Workflow instances faulted");

    /// <summary>Bursts run to an end, by <c>outcome</c> (committed, already_consumed, failed).</summary>
    public static readonly Counter<long> Bursts = Meter.CreateCounter<long>(
        "aiplustasks.bursts", "{burst}", "Bursts run (load, run activities, commit)");

    /// <summary>How long a burst took from load to commit, retries included, by <c>outcome</c>.</summary>
    public static readonly Histogram<double> BurstDuration = Meter.CreateHistogram<double>(
        "aiplustasks.burst.duration", "s", "Time of one burst from load to commit", advice: Buckets(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30));

    /// <summary>Bursts written in one group-commit transaction.</summary>
    public static readonly Histogram<int> CommitBatchSize = Meter.CreateHistogram<int>(
        "aiplustasks.burst.commit.batch_size", "{burst}", "Bursts written in one group-commit transaction",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128] });

    /// <summary>From a webhook delivery's row (made when its outbox event was fanned out) to its successful send.</summary>
    public static readonly Histogram<double> WebhookDeliveryLag = Meter.CreateHistogram<double>(
        "aiplustasks.webhooks.delivery.lag", "s", "Time from a webhook delivery's row to its delivery", advice: LagBuckets);

    /// <summary>From a notification delivery's row to its send, by <c>channel</c>.</summary>
    public static readonly Histogram<double> NotificationLag = Meter.CreateHistogram<double>(
        "aiplustasks.notifications.delivery.lag", "s", "Time from a notification delivery's row to its send", advice: LagBuckets);

    /// <summary>Open (open or claimed) tasks by <c>colour</c>, from the latest <see cref="WorkloadGauges"/> sample.</summary>
    public static readonly ObservableGauge<long> TasksOpen = Meter.CreateObservableGauge(
        "aiplustasks.tasks.open", () => ByColour(WorkloadGauges.Latest?.OpenByColour), "{task}", "Open or claimed tasks by supervision colour");

    /// <summary>Open tasks past their due time by <c>colour</c> (as last stored), from the latest sample.</summary>
    public static readonly ObservableGauge<long> TasksOverdue = Meter.CreateObservableGauge(
        "aiplustasks.tasks.overdue", () => ByColour(WorkloadGauges.Latest?.OverdueByColour), "{task}", "Open or claimed tasks past their due time by supervision colour");

    /// <summary>Work items waiting (queued starts, resumes, cancels), from the latest sample.</summary>
    public static readonly ObservableGauge<long> WorkQueueDepth = Meter.CreateObservableGauge(
        "aiplustasks.work_queue.depth", () => Single(WorkloadGauges.Latest?.QueueDepth), "{item}", "Work items waiting to run");

    /// <summary>Age of the oldest waiting work item (0 when none), from the latest sample.</summary>
    public static readonly ObservableGauge<double> WorkQueueOldestAge = Meter.CreateObservableGauge(
        "aiplustasks.work_queue.oldest_age", () => Single(WorkloadGauges.Latest?.OldestItemAge.TotalSeconds), "s", "Age of the oldest waiting work item");

    /// <summary>Lag buckets: a second to a day (a receiver that was down for hours shows in the tail).</summary>
    private static InstrumentAdvice<double> LagBuckets => Buckets(0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 14400, 86400);

    private static InstrumentAdvice<double> Buckets(params double[] bounds) => new() { HistogramBucketBoundaries = bounds };

    private static IEnumerable<Measurement<long>> ByColour(IReadOnlyDictionary<string, long>? counts) =>
        counts?.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("colour", c.Key))) ?? [];

    private static IEnumerable<Measurement<T>> Single<T>(T? value)
        where T : struct =>
        value is { } v ? [new Measurement<T>(v)] : [];
}
