using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>Unhealthy, described as <c>starting</c>, until the host reports itself started (<see cref="Readiness"/>).</summary>
internal sealed class StartupHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("starting"));
}
