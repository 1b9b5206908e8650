using System.Collections.Concurrent;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Execution;
using AiPlusTasks.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// Parsed definition versions by version id. Only versions that instances run are cached, and those were published
/// when the instance started; published versions never change, so entries never go stale.
/// </summary>
public sealed class BlueprintCache
{
    private readonly ConcurrentDictionary<string, WorkflowBlueprint> _blueprints = new(StringComparer.Ordinal);

    /// <exception cref="NotFoundException">The version does not exist.</exception>
    public async Task<WorkflowBlueprint> GetAsync(WorkflowDbContext db, string versionId, CancellationToken cancellationToken)
    {
        if (_blueprints.TryGetValue(versionId, out var blueprint))
        {
            return blueprint;
        }

        var json = await db.Definitions.AsNoTracking().Where(d => d.Id == versionId).Select(d => d.Json).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"definition version '{versionId}' does not exist");
        blueprint = new WorkflowBlueprint(WorkflowDefinitionJson.Read(json, $"definition version {versionId}"));
        return _blueprints.GetOrAdd(versionId, blueprint);
    }
}
