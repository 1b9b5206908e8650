using System.Text.Json;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Scheduling;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Seeding;

/// <summary>
/// At start-up, creates each plan in <c>workflows/plans/*.json</c> that does not exist yet (its first version), and puts
/// it on its roll calendar. A broken file stops start-up with a message naming the file and line.
/// </summary>
internal sealed class PlanSeeder(
    PlanService plans,
    PlanCalendar calendar,
    IOptions<WorkflowsOptions> options,
    IHostEnvironment environment,
    ILogger<PlanSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(options.Value.FolderIn(environment.ContentRootPath), "plans");
        if (!System.IO.Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in System.IO.Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            PlanSeed seed;
            try
            {
                seed = PlanJson.Deserialize<PlanSeed>(await File.ReadAllTextAsync(file, cancellationToken));
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"{file} line {(e.LineNumber ?? 0) + 1}: {e.Message}", e);
            }

            if (await plans.SeedAsync(seed, cancellationToken))
            {
                logger.LogInformation("Seeded plan {PlanId} from {File}", seed.Id, file);
                await calendar.StartAsync(seed.Id, cancellationToken);
            }
        }
    }
}
