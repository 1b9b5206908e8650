using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Planning;

/// <summary>
/// A plan file (<c>workflows/plans/*.json</c>): id, name (Chinese), cadence, static layer and the first version's content;
/// <see cref="NameEn"/> names the plan in English.
/// </summary>
public sealed record PlanSeed(string Id, string Name, string? Cadence, JsonObject Static, PlanContent Content)
{
    /// <summary>The plan's name in English; null for none (the Chinese name is shown in both languages).</summary>
    public string? NameEn { get; init; }
}
