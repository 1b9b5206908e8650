using AiPlusTasks.Engine.Hosting;
using AiPlusTasks.Engine.Persistence;

namespace AiPlusTasks.Host.Seeding;

/// <summary>
/// Seeds at start-up, once the Host listens (<see cref="StartupStep"/>; until it is done the Host answers 503 "starting",
/// docs/decisions/020) — users, then workflows, then plans, each timed in the log — holding the cluster's seeding lock,
/// so nodes starting together on one PostgreSQL database seed one after another: the first fills an empty database, the
/// others find everything there.
/// </summary>
internal sealed class StartupSeeding(ClusterLock clusterLock, UserSeeder users, WorkflowSeeder workflows, PlanSeeder plans, ILogger<StartupSeeding> logger)
    : StartupStep(logger)
{
    protected override string Name => "seeding";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var seeding = await clusterLock.AcquireAsync("seeding", cancellationToken);
        await TimedAsync("seeding users", users.SeedAsync, cancellationToken);
        await TimedAsync("seeding workflows", workflows.SeedAsync, cancellationToken);
        await TimedAsync("seeding plans", plans.SeedAsync, cancellationToken);
    }
}
