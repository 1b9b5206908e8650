using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Telemetry;

/// <summary>
/// Samples the figures behind the engine's observable gauges (tasks open and overdue per colour, work-queue depth and
/// oldest age) every <see cref="EngineOptions.WorkloadSampleInterval"/> (wall clock), with three grouped queries, and
/// keeps the last sample for the gauges to read: a scrape never queries the database. While nothing listens to the
/// gauges (no metrics exporter configured), it samples nothing.
/// </summary>
internal sealed class WorkloadGauges(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<WorkloadGauges> logger) : BackgroundService
{
    private static volatile WorkloadSnapshot? _latest;

    /// <summary>The last sample of any running engine in this process (one per process outside tests); null before the first.</summary>
    public static WorkloadSnapshot? Latest => _latest;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WorkloadSampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!EngineTelemetry.TasksOpen.Enabled && !EngineTelemetry.WorkQueueDepth.Enabled)
                {
                    continue;
                }

                try
                {
                    _latest = await SampleAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Sampling the workload gauges failed; the gauges keep the last sample");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<WorkloadSnapshot> SampleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var open = db.Tasks.AsNoTracking().Where(t => t.State == TaskState.Open || t.State == TaskState.Claimed);
        var openByColour = await CountByColourAsync(open, cancellationToken);
        var overdueByColour = await CountByColourAsync(open.Where(t => t.DueAt != null && t.DueAt < now), cancellationToken);
        var depth = await db.WorkItems.LongCountAsync(cancellationToken);
        var oldest = await db.WorkItems.AsNoTracking().OrderBy(w => w.Id).Select(w => (DateTimeOffset?)w.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return new WorkloadSnapshot(openByColour, overdueByColour, depth, oldest is { } at && at < now ? now - at : TimeSpan.Zero);
    }

    /// <summary>Counts per colour, every colour present (zero when none), so a colour's series does not vanish when it empties.</summary>
    private static async Task<Dictionary<string, long>> CountByColourAsync(IQueryable<Persistence.Records.TaskRecord> tasks, CancellationToken cancellationToken)
    {
        var counts = await tasks.GroupBy(t => t.Colour).Select(g => new { Colour = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        return Enum.GetValues<TaskColour>().ToDictionary(
            c => c.ToString().ToLowerInvariant(), c => counts.FirstOrDefault(x => x.Colour == c)?.Count ?? 0, StringComparer.Ordinal);
    }
}
