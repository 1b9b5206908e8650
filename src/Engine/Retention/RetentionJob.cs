using Quartz;

namespace AiPlusTasks.Engine.Retention;

/// <summary>
/// Quartz's job for the scheduled retention run (<see cref="RetentionService"/>). Never two at once: Quartz holds a
/// second fire until the first ends (<see cref="DisallowConcurrentExecutionAttribute"/>, across the cluster with the
/// clustered store on PostgreSQL), and the service takes a cluster lock as well, for a manual run beside it.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RetentionJob(RetentionService retention) : IJob
{
    public static readonly JobKey Key = new("retention", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await retention.RunScheduledAsync(cancellationToken);
}
