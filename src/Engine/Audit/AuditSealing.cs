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
        // One wait for a poke and one sweep timer at a time, each kept until it completes (many pokes, one timer).
        Task? poked = null;
        Task? sweep = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sealer.SealAsync(stoppingToken);
                poked ??= sealer.WaitForWorkAsync(stoppingToken);
                sweep ??= Task.Delay(Period, time, stoppingToken);
                if (await Task.WhenAny(poked, sweep) == poked)
                {
                    await poked;
                    poked = null;
                }
                else
                {
                    await sweep;
                    sweep = null;
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
