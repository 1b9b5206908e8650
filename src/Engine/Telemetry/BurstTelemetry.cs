using System.Diagnostics;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Telemetry;

/// <summary>
/// The span and measurements of one burst: a <c>burst</c> span (instance, definition, activities run, outcome) inside
/// whatever caused it (an HTTP request, a work item), the burst counter and duration, and the instance counters when the
/// burst started, finished or faulted an instance. Null (<see cref="Start"/>) when nothing listens.
/// </summary>
internal sealed class BurstTelemetry
{
    private readonly Activity? _span;
    private readonly long _began = Stopwatch.GetTimestamp();
    private string? _definitionId;

    private BurstTelemetry(Activity? span) => _span = span;

    /// <summary>Begins measuring a burst of <paramref name="instanceId"/>; null when no tracer or meter listens.</summary>
    public static BurstTelemetry? Start(string instanceId)
    {
        var span = EngineTelemetry.Source.StartActivity("burst");
        if (span is null && !EngineTelemetry.Bursts.Enabled)
        {
            return null;
        }

        span?.SetTag("aiplustasks.instance.id", instanceId);
        return new BurstTelemetry(span);
    }

    /// <summary>The stimulus ran on <paramref name="definitionId"/>'s version: the burst is about to commit.</summary>
    public void Ran(string definitionId, int definitionVersion, Burst burst)
    {
        _definitionId = definitionId;
        if (_span is not null)
        {
            _span.SetTag("aiplustasks.definition.id", definitionId);
            _span.SetTag("aiplustasks.definition.version", definitionVersion);
            _span.SetTag("aiplustasks.burst.activities", burst.ActivitiesExecuted);
        }
    }

    /// <summary>The burst committed and took its instance from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public void Moved(bool started, WorkflowStatus before, WorkflowStatus after)
    {
        var definition = new KeyValuePair<string, object?>("definition", _definitionId);
        if (started)
        {
            EngineTelemetry.InstancesStarted.Add(1, definition);
        }

        if (after != before || started)
        {
            switch (after)
            {
                case WorkflowStatus.Finished:
                    EngineTelemetry.InstancesFinished.Add(1, definition);
                    break;
                case WorkflowStatus.Faulted:
                    EngineTelemetry.InstancesFaulted.Add(1, definition);
                    break;
            }
        }

        _span?.SetTag("aiplustasks.instance.status", after.ToString());
    }

    /// <summary>The burst ended: it committed (<paramref name="committed"/>) or found its work already done by someone else.</summary>
    public void Ended(bool committed) => End(committed ? "committed" : "already_consumed", null);

    /// <summary>The burst failed with <paramref name="failure"/>: nothing of it was committed.</summary>
    public void Failed(Exception failure) => End("failed", failure);

    private void End(string outcome, Exception? failure)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        EngineTelemetry.Bursts.Add(1, tag);
        EngineTelemetry.BurstDuration.Record(Stopwatch.GetElapsedTime(_began).TotalSeconds, tag);
        if (_span is not null)
        {
            _span.SetTag("aiplustasks.burst.outcome", outcome);
            if (failure is not null)
            {
                _span.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
            }

            _span.Dispose();
        }
    }
}
