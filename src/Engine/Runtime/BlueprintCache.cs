using System.Collections.Concurrent;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// Parsed definition versions by version id. Versions that were published are cached: a published version never
/// changes, so entries never go stale. A draft (a child run as <c>Latest</c> or by its number by a definition activity)
/// is read again each time, since saving the draft replaces it. A version that names an activity type the registry does
/// not know makes it reload the definitions usable as activities first: another node may have published one.
/// </summary>
public sealed class BlueprintCache(WorkflowDefinitionStore store, IDbContextFactory<WorkflowDbContext> dbFactory)
{
    private readonly ConcurrentDictionary<string, WorkflowBlueprint> _blueprints = new(StringComparer.Ordinal);

    /// <summary>The blueprint of a version, read and parsed unless cached (a cached one costs no database access).</summary>
    /// <exception cref="NotFoundException">The version does not exist.</exception>
    public async Task<WorkflowBlueprint> GetAsync(string versionId, CancellationToken cancellationToken)
    {
        if (_blueprints.TryGetValue(versionId, out var blueprint))
        {
            return blueprint;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Definitions.AsNoTracking().Where(d => d.Id == versionId).Select(d => new { d.Json, d.PublishedAt }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"definition version '{versionId}' does not exist");
        var definition = WorkflowDefinitionJson.Read(row.Json, $"definition version {versionId}");
        await store.EnsureActivityTypesForAsync(definition, cancellationToken);

        blueprint = new WorkflowBlueprint(definition);
        return row.PublishedAt is null ? blueprint : _blueprints.GetOrAdd(versionId, blueprint);
    }
}
