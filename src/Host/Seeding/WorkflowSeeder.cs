using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Workflows.Definitions;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Seeding;

/// <summary>
/// At start-up, imports and publishes every <c>*.json</c> in <see cref="WorkflowsOptions.Path"/> whose content changed
/// since it was last seeded. A broken file stops start-up with a message naming the file and line.
/// </summary>
internal sealed class WorkflowSeeder(
    WorkflowDefinitionStore store,
    IOptions<WorkflowsOptions> options,
    IHostEnvironment environment,
    ILogger<WorkflowSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.FolderIn(environment.ContentRootPath);
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("Workflows folder {Folder} does not exist; nothing seeded", folder);
            return;
        }

        var changed = 0;
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var json = await File.ReadAllTextAsync(file, cancellationToken);
            try
            {
                changed += await store.ImportAndPublishIfChangedAsync(json, Path.GetFileName(file), cancellationToken) ? 1 : 0;
            }
            catch (DefinitionValidationException e)
            {
                throw new InvalidOperationException($"{file}: {e.Message}", e);
            }
        }

        logger.LogInformation("Seeded workflows from {Folder}: {Count} file(s), {Changed} imported and published", folder, files.Count, changed);
    }
}
