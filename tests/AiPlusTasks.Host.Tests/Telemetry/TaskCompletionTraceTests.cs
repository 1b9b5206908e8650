using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace AiPlusTasks.Host.Tests.Telemetry;

/// <summary>
/// One task completion through the HTTP API, traced end to end and collected by the in-memory exporter: the request's
/// server span, the burst it caused inside it, the group commit inside the burst, and SQL spans (EF Core's and the
/// engine's own statements) in the same trace (docs/decisions/035).
/// </summary>
public sealed class TaskCompletionTraceTests(TaskCompletionTraceTests.Factory factory) : IClassFixture<TaskCompletionTraceTests.Factory>
{
    [Fact]
    public async Task CompleteTask_WithTracesOn_RequestSpanHoldsTheBurstCommitAndSqlSpans()
    {
        // Arrange
        var (instanceId, taskId) = await factory.CreateClientFor().StartHumanTaskAsync();
        var staff = factory.CreateClientFor("guangdong.staff");

        // Act
        await staff.CompleteTaskAsync(taskId, "Submitted", new JsonObject { ["progress"] = 70 });

        // Assert: spans of every host in this process reach the exporter (listeners are process-wide); take this request's trace.
        var completePath = $"/api/tasks/{taskId}/complete";
        Activity? request = null;
        await Eventually.TrueAsync(
            () => Task.FromResult((request = factory.Finished().FirstOrDefault(s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("url.path"), completePath))) is not null),
            "the completion's server span to be exported");
        var trace = factory.Finished().Where(s => s.TraceId == request!.TraceId).ToList();
        var burst = Assert.Single(trace, s => s.Source.Name == "AiPlusTasks.Engine" && s.OperationName == "burst");
        Assert.True(IsInside(burst, request!, trace), "the burst span is not inside the request's span");
        Assert.Equal(instanceId, burst.GetTagItem("aiplustasks.instance.id"));
        Assert.StartsWith("human-task", (string)burst.GetTagItem("aiplustasks.definition.id")!, StringComparison.Ordinal);
        Assert.True((int)burst.GetTagItem("aiplustasks.burst.activities")! >= 2, "the burst ran the task's completion and what follows it");
        Assert.Equal("committed", burst.GetTagItem("aiplustasks.burst.outcome"));
        Assert.Equal("Finished", burst.GetTagItem("aiplustasks.instance.status"));
        var commit = Assert.Single(trace, s => s.OperationName == "burst.commit");
        Assert.True(IsInside(commit, burst, trace), "the commit span is not inside the burst's");
        Assert.True((int)commit.GetTagItem("aiplustasks.commit.batch_size")! >= 1);
        var sql = trace.Where(s => s.GetTagItem("db.system.name") is not null || s.GetTagItem("db.system") is not null).ToList();
        Assert.Contains(sql, s => s.Source.Name == "AiPlusTasks.Engine" && IsInside(s, commit, trace) && s.OperationName is "UPDATE" or "INSERT" or "DELETE");
        Assert.Contains(sql, s => s.Source.Name != "AiPlusTasks.Engine");
        Assert.All(sql, s => Assert.Equal(ActivityKind.Client, s.Kind));
    }

    /// <summary>Whether <paramref name="span"/> descends from <paramref name="ancestor"/> through spans of the trace.</summary>
    private static bool IsInside(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }

            var next = trace.FirstOrDefault(s => s.SpanId == parent);
            if (next is null)
            {
                return false;
            }

            parent = next.ParentSpanId;
        }

        return false;
    }

    /// <summary>The Host with traces on (no OTLP) and the in-memory exporter.</summary>
    public sealed class Factory : HostFactory
    {
        private readonly SpanList _spans = [];

        /// <summary>A copy of the spans exported so far.</summary>
        public IReadOnlyList<Activity> Finished() => _spans.Copy();

        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Telemetry:Traces"] = "true" };

        protected override void ConfigureServices(IServiceCollection services) =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
    }

    /// <summary>The exporter's list: spans end on many threads at once.</summary>
    private sealed class SpanList : Collection<Activity>
    {
        public IReadOnlyList<Activity> Copy()
        {
            lock (Items)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (Items)
            {
                base.InsertItem(Count, item);
            }
        }
    }
}
