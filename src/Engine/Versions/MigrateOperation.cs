using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Bulk;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Engine.Versions;

/// <summary>
/// The bulk operation <c>migrate</c> (parameters <c>{targetVersion, mapping}</c>): moves each selected instance to another
/// published version of its definition (<see cref="InstanceMigrator"/>). Safe to repeat: an instance already on the
/// target version is skipped as done; one that cannot move fails with the reasons.
/// </summary>
public sealed class MigrateOperation(InstanceMigrator migrator) : IBulkOperation
{
    public string Name => "migrate";

    public BulkTarget Target => BulkTarget.Instances;

    public void Validate(Caller caller, JsonObject parameters)
    {
        caller.RequireNdrcPlanner("migrate workflow instances");
        _ = Read(parameters);
    }

    public Task<BulkItemOutcome> PreviewAsync(Caller caller, string itemId, JsonObject parameters, CancellationToken cancellationToken) =>
        RunAsync(caller, itemId, parameters, apply: false, cancellationToken);

    public Task<BulkItemOutcome> ApplyAsync(Caller caller, string itemId, JsonObject parameters, CancellationToken cancellationToken) =>
        RunAsync(caller, itemId, parameters, apply: true, cancellationToken);

    private async Task<BulkItemOutcome> RunAsync(Caller caller, string itemId, JsonObject parameters, bool apply, CancellationToken cancellationToken)
    {
        var (version, mapping) = Read(parameters);
        MigrationOutcome outcome;
        try
        {
            outcome = await migrator.TryMigrateAsync(caller, itemId, version, mapping, apply, cancellationToken);
        }
        catch (NotFoundException)
        {
            return BulkItemOutcome.Failed("实例不存在", "the instance does not exist");
        }
        catch (RequestValidationException e)
        {
            var problems = string.Join("; ", e.Errors.SelectMany(f => f.Value.Select(v => $"{f.Key}: {v}")));
            return BulkItemOutcome.Failed($"目标版本或映射不适用于该实例：{problems}", $"the target version or mapping does not fit this instance: {problems}");
        }

        return outcome.Result switch
        {
            MigrationResult.Moved when apply => BulkItemOutcome.Succeeded($"已迁移到版本 {version}", $"moved to version {version}"),
            MigrationResult.Moved => BulkItemOutcome.Succeeded($"将迁移到版本 {version}", $"would move to version {version}"),
            MigrationResult.AlreadyOnTarget => BulkItemOutcome.Skipped($"已在版本 {version} 上，无需迁移", $"already on version {version}: nothing to do"),
            _ => BulkItemOutcome.Failed(string.Join("；", outcome.Reasons.Select(r => r.Zh)), string.Join("; ", outcome.Reasons.Select(r => r.En))),
        };
    }

    /// <summary>The parameters, checked: <c>targetVersion</c> a version number, <c>mapping</c> an object of activity ids (or null).</summary>
    private static (int Version, IReadOnlyDictionary<string, string?> Mapping) Read(JsonObject parameters)
    {
        if (parameters["targetVersion"] is not JsonValue value || !value.TryGetValue<int>(out var version) || version < 1)
        {
            throw RequestValidationException.For("parameters.targetVersion", "targetVersion must be a version number (1 or more)");
        }

        var mapping = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (parameters["mapping"])
        {
            case null:
                break;
            case JsonObject entries:
                foreach (var (from, to) in entries)
                {
                    if (to is not null && (to.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(to.GetValue<string>())))
                    {
                        throw RequestValidationException.For($"parameters.mapping.{from}", "each activity maps to an activity id of the target version, or to null (dropped)");
                    }

                    mapping[from] = to?.GetValue<string>();
                }

                break;
            default:
                throw RequestValidationException.For("parameters.mapping", "mapping must be an object of activity ids");
        }

        return (version, mapping);
    }
}
