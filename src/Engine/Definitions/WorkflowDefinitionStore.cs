using AiPlusTasks.Engine.Audit;
using System.Security.Cryptography;
using System.Text;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Definitions;

/// <summary>
/// Imports, publishes and reads definition versions. Import stores a draft: a definition's first import is version 1;
/// importing again while the latest version is an unpublished draft replaces that draft; importing after publishing
/// creates version N+1. A draft may still have validation problems (a planner saves unfinished work); only text that
/// is not a readable definition is refused. Publishing validates and makes the latest version the one new instances
/// run; instances already running stay on the version they started with. It keeps the
/// <see cref="DefinitionActivityTypes"/> (definitions usable as activities in others) current: after storing a version
/// that carries the flag, and before validating a definition that names a type the registry does not know.
/// </summary>
public sealed class WorkflowDefinitionStore(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    DefinitionValidator validator,
    ActivityRegistry registry,
    DefinitionActivityTypes activityTypes,
    TimeProvider time,
    AuditTrail audit,
    Microsoft.Extensions.Options.IOptions<InputLimits>? limits = null)
{
    // The front door: the designer's pages and the definition endpoints call these with the signed-in caller, and
    // designing workflows — reading, importing and publishing definitions — is for NDRC planners (docs/decisions/014).
    // The overloads without a caller are the engine's own (seeding, runtime, test runs) and authorize nothing.

    /// <summary>Stores a draft for an NDRC planner; see <see cref="ImportAsync(string, string?, CancellationToken)"/>.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    /// <exception cref="DefinitionFormatException">Malformed JSON or wrong shape; nothing is stored.</exception>
    /// <exception cref="RequestValidationException">The JSON is larger than <see cref="InputLimits.MaxDefinitionBytes"/> (field <c>definition</c>).</exception>
    public async Task<WorkflowDefinition> ImportAsync(Caller caller, string json, string? source = null, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("design workflows");
        var max = (limits?.Value ?? new InputLimits()).MaxDefinitionBytes;
        if (Encoding.UTF8.GetByteCount(json) > max)
        {
            throw RequestValidationException.For("definition", $"a workflow definition has at most {max} bytes of JSON");
        }

        var imported = await ImportAsync(json, source, cancellationToken);
        await audit.RecordAsync(caller, AuditActions.DefinitionImport, imported.DefinitionId, $"version {imported.Version}", cancellationToken: CancellationToken.None);
        return imported;
    }

    /// <summary>Publishes the latest version for an NDRC planner; see <see cref="PublishAsync(string, CancellationToken)"/>.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    public async Task<WorkflowDefinition> PublishAsync(Caller caller, string definitionId, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("publish workflows");
        var published = await PublishAsync(definitionId, cancellationToken);
        await audit.RecordAsync(caller, AuditActions.DefinitionPublish, published.DefinitionId, $"version {published.Version}", cancellationToken: CancellationToken.None);
        return published;
    }

    /// <summary>A version of a definition (the latest by default), for an NDRC planner.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    /// <exception cref="NotFoundException">No such definition or version.</exception>
    public async Task<WorkflowDefinition> GetAsync(Caller caller, string definitionId, int? version = null, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("read workflow definitions");
        return await GetAsync(definitionId, version, cancellationToken);
    }

    /// <summary>Every version of a definition, oldest first, for an NDRC planner.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    /// <exception cref="NotFoundException">No such definition.</exception>
    public async Task<IReadOnlyList<DefinitionVersionSummary>> ListVersionsAsync(Caller caller, string definitionId, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("read workflow definitions");
        return await ListVersionsAsync(definitionId, cancellationToken);
    }

    /// <summary>One page of definitions ordered by id, for an NDRC planner.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    public async Task<Page<DefinitionSummary>> ListAsync(Caller caller, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("read workflow definitions");
        return await ListAsync(page, pageSize, cancellationToken);
    }

    /// <summary>Stores a draft, validation problems and all (<see cref="PublishAsync(string, CancellationToken)"/> refuses a definition with problems).</summary>
    /// <param name="json">Elsa 3 JSON.</param>
    /// <param name="source">A file name or request description used in error messages.</param>
    /// <param name="cancellationToken">Cancels the import before it commits.</param>
    /// <exception cref="DefinitionFormatException">Malformed JSON or wrong shape; nothing is stored.</exception>
    public async Task<WorkflowDefinition> ImportAsync(string json, string? source = null, CancellationToken cancellationToken = default)
    {
        var definition = WorkflowDefinitionJson.Read(json, source);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var latest = await db.Definitions.SingleOrDefaultAsync(d => d.DefinitionId == definition.DefinitionId && d.IsLatest, cancellationToken);
        // Replacing a draft that carried the flag changes the activity types too, even when the new text drops it.
        var changesActivityTypes = json.Contains(DefinitionActivityTypes.Flag, StringComparison.Ordinal);
        if (latest is not null && latest.PublishedAt is null)
        {
            changesActivityTypes |= latest.Json.Contains(DefinitionActivityTypes.Flag, StringComparison.Ordinal);
            Stamp(definition, latest.Id, latest.Version, isPublished: false);
            latest.Json = WorkflowDefinitionJson.Write(definition);
            latest.Name = definition.Name;
            latest.ContentHash = Hash(json);
            latest.UpdatedAt = now;
        }
        else
        {
            var idTaken = await db.Definitions.AnyAsync(d => d.Id == definition.Id, cancellationToken);
            Stamp(definition, idTaken ? Guid.NewGuid().ToString("N") : definition.Id, (latest?.Version ?? 0) + 1, isPublished: false);
            if (latest is not null)
            {
                latest.IsLatest = false;
                latest.Json = WithFlags(latest.Json, isLatest: false, latest.IsPublished);
            }

            db.Definitions.Add(new WorkflowDefinitionRecord
            {
                Id = definition.Id,
                DefinitionId = definition.DefinitionId,
                Version = definition.Version,
                Name = definition.Name,
                IsLatest = true,
                IsPublished = false,
                Json = WorkflowDefinitionJson.Write(definition),
                ContentHash = Hash(json),
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        if (changesActivityTypes)
        {
            await RefreshActivityTypesAsync(cancellationToken);
        }

        return definition;
    }

    /// <summary>Publishes the latest version. Publishing an already published latest version changes nothing.</summary>
    /// <exception cref="NotFoundException">No such definition.</exception>
    /// <exception cref="DefinitionValidationException">The latest version has problems (a draft saved unfinished, or an activity type was removed); all are listed.</exception>
    public async Task<WorkflowDefinition> PublishAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.Definitions.Where(d => d.DefinitionId == definitionId && (d.IsLatest || d.IsPublished)).ToListAsync(cancellationToken);
        var latest = versions.SingleOrDefault(v => v.IsLatest) ?? throw new NotFoundException($"workflow definition '{definitionId}' does not exist");
        var definition = WorkflowDefinitionJson.Read(latest.Json, $"workflow definition '{definitionId}'");
        if (latest.IsPublished)
        {
            return definition;
        }

        await EnsureActivityTypesForAsync(definition, cancellationToken);
        ThrowIfInvalid(definition);
        foreach (var previous in versions.Where(v => v.IsPublished))
        {
            previous.IsPublished = false;
            previous.Json = WithFlags(previous.Json, previous.IsLatest, isPublished: false);
        }

        var now = time.GetUtcNow();
        Stamp(definition, latest.Id, latest.Version, isPublished: true);
        latest.IsPublished = true;
        latest.PublishedAt = now;
        latest.UpdatedAt = now;
        latest.Json = WorkflowDefinitionJson.Write(definition);
        await db.SaveChangesAsync(cancellationToken);
        if (latest.Json.Contains(DefinitionActivityTypes.Flag, StringComparison.Ordinal))
        {
            await RefreshActivityTypesAsync(cancellationToken);
        }

        return definition;
    }

    /// <summary>
    /// Imports and publishes unless the latest version already has this exact content; returns whether anything changed.
    /// A definition with problems is refused before anything is stored (start-up seeding never leaves a broken draft).
    /// </summary>
    /// <exception cref="DefinitionFormatException">Malformed JSON or wrong shape.</exception>
    /// <exception cref="DefinitionValidationException">The definition has problems; all are listed.</exception>
    public async Task<bool> ImportAndPublishIfChangedAsync(string json, string source, CancellationToken cancellationToken = default)
    {
        var definition = WorkflowDefinitionJson.Read(json, source);
        await EnsureActivityTypesForAsync(definition, cancellationToken);
        ThrowIfInvalid(definition);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var hash = Hash(json);
            var unchanged = await db.Definitions.AnyAsync(d => d.DefinitionId == definition.DefinitionId && d.IsLatest && d.IsPublished && d.ContentHash == hash, cancellationToken);
            if (unchanged)
            {
                return false;
            }
        }

        await ImportAsync(json, source, cancellationToken);
        await PublishAsync(definition.DefinitionId, cancellationToken);
        return true;
    }

    /// <summary>A version of a definition: the given number, else the latest.</summary>
    /// <exception cref="NotFoundException">No such definition or version.</exception>
    public async Task<WorkflowDefinition> GetAsync(string definitionId, int? version = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId);
        query = version is { } number ? query.Where(d => d.Version == number) : query.Where(d => d.IsLatest);
        var json = await query.Select(d => d.Json).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(version is null
                ? $"workflow definition '{definitionId}' does not exist"
                : $"workflow definition '{definitionId}' has no version {version}");
        return WorkflowDefinitionJson.Read(json, $"workflow definition '{definitionId}'");
    }

    /// <summary>Every version of a definition, oldest first.</summary>
    /// <exception cref="NotFoundException">No such definition.</exception>
    public async Task<IReadOnlyList<DefinitionVersionSummary>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId)
            .OrderBy(d => d.Version)
            .Select(d => new DefinitionVersionSummary(d.Version, d.Name, d.IsPublished, d.IsLatest, d.CreatedAt, d.UpdatedAt))
            .ToListAsync(cancellationToken);
        return versions.Count > 0 ? versions : throw new NotFoundException($"workflow definition '{definitionId}' does not exist");
    }

    /// <summary>Definitions ordered by id, one page (1-based) at a time.</summary>
    public async Task<Page<DefinitionSummary>> ListAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = db.Definitions.AsNoTracking().Where(d => d.IsLatest);
        var total = await latest.CountAsync(cancellationToken);
        var rows = await latest.OrderBy(d => d.DefinitionId).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(d => new
            {
                d.DefinitionId,
                d.Name,
                d.Version,
                d.UpdatedAt,
                Published = db.Definitions.Where(p => p.DefinitionId == d.DefinitionId && p.IsPublished).Select(p => (int?)p.Version).FirstOrDefault(),
                Count = db.Definitions.Count(p => p.DefinitionId == d.DefinitionId),
            })
            .ToListAsync(cancellationToken);
        return new Page<DefinitionSummary>(
            [.. rows.Select(r => new DefinitionSummary(r.DefinitionId, r.Name, r.Version, r.Published, r.Count, r.UpdatedAt))],
            total,
            page,
            pageSize);
    }

    /// <summary>
    /// Reloads the activity types made from definitions usable as activities (<see cref="DefinitionActivityTypes"/>)
    /// from every stored version: what another process may have published (the designer calls it when it opens a
    /// definition).
    /// </summary>
    public async Task RefreshActivityTypesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Only versions that mention the flag are parsed: most definitions are not usable as activities.
        var rows = await db.Definitions.AsNoTracking()
            .Where(d => d.Json.Contains(DefinitionActivityTypes.Flag))
            .Select(d => new { d.Id, d.Json })
            .ToListAsync(cancellationToken);
        activityTypes.Replace(rows.Select(r => WorkflowDefinitionJson.Read(r.Json, $"definition version {r.Id}")));
    }

    /// <summary>
    /// Reloads the activity types when <paramref name="definition"/> names a type the registry does not know (another
    /// node may have published it since); a definition of known types costs no query. The runtime calls it before it
    /// runs a version it has not loaded yet.
    /// </summary>
    public async Task EnsureActivityTypesForAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        if (definition.AllActivities().Any(a => !registry.TryGet(a.Type, out _)))
        {
            await RefreshActivityTypesAsync(cancellationToken);
        }
    }

    private void ThrowIfInvalid(WorkflowDefinition definition)
    {
        var problems = validator.Validate(definition);
        if (problems.Count > 0)
        {
            throw new DefinitionValidationException(problems);
        }
    }

    private static void Stamp(WorkflowDefinition definition, string id, int version, bool isPublished)
    {
        definition.Id = id;
        definition.Version = version;
        definition.IsLatest = true;
        definition.IsPublished = isPublished;
    }

    private static string WithFlags(string json, bool isLatest, bool isPublished)
    {
        var definition = WorkflowDefinitionJson.Read(json);
        definition.IsLatest = isLatest;
        definition.IsPublished = isPublished;
        return WorkflowDefinitionJson.Write(definition);
    }

    private static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
