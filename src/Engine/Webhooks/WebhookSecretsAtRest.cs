using AiPlusTasks.Engine.Hosting;
using AiPlusTasks.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>
/// At start-up, after migrations: encrypts webhook secrets a previous version stored in plain text and drops the
/// idempotency records that repeated them (<see cref="WebhookSecrets.ProtectStoredAsync"/>).
/// </summary>
internal sealed class WebhookSecretsAtRest(IDbContextFactory<WorkflowDbContext> dbFactory, WebhookSecrets secrets, ILogger<WebhookSecretsAtRest> logger) : StartupStep(logger)
{
    protected override string Name => "webhook secrets at rest";

    // Before the webhook dispatcher, a hosted service, reads a secret.
    protected override bool BeforeOtherServices => true;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var count = await secrets.ProtectStoredAsync(dbFactory, cancellationToken);
        if (count > 0)
        {
            logger.LogInformation("Encrypted {Count} webhook signing secret(s) stored in plain text by an earlier version", count);
        }
    }
}
