using AiPlusTasks.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>
/// At start-up, after migrations: encrypts webhook secrets a previous version stored in plain text and drops the
/// idempotency records that repeated them (<see cref="WebhookSecrets.ProtectStoredAsync"/>).
/// </summary>
internal sealed class WebhookSecretsAtRest(IDbContextFactory<WorkflowDbContext> dbFactory, WebhookSecrets secrets, ILogger<WebhookSecretsAtRest> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = await secrets.ProtectStoredAsync(dbFactory, cancellationToken);
        if (count > 0)
        {
            logger.LogInformation("Encrypted {Count} webhook signing secret(s) stored in plain text by an earlier version", count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
