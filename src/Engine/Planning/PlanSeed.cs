using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Planning;

/// <summary>A plan file (<c>workflows/plans/*.json</c>): id, name, cadence, static layer and the first version's content.</summary>
public sealed record PlanSeed(string Id, string Name, string? Cadence, JsonObject Static, PlanContent Content);
