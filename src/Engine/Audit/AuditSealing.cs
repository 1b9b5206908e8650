using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Engine.Audit;

/// <summary>
/// Seals the audit trail in the background: when this node wrote lines (<see cref="AuditSealer.Poke"/>) and every
/// <see cref="Period"/> for lines another node wrote and did not seal (it stopped first).
/// </summary>
internal sealed class AuditSealing(AuditSealer sealer, TimeProvider time, ILogger<AuditSealing> logger) : BackgroundService
{
    /// <summary>How often the sealer looks for lines nobody poked it about.</summary>
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Task? poked = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sealer.SealAsync(stoppingToken);
                poked ??= sealer.WaitForWorkAsync(stoppingToken);
                if (await Task.WhenAny(poked, Task.Delay(Period, time, stoppingToken)) == poked)
                {
                    await poked;
                    poked = null;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A failed seal leaves the lines unsealed; the next round takes them.
                logger.LogWarning(e, "Sealing the audit trail failed; retrying on the next round");
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
