using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>One line of a task's history; <paramref name="ActingFor"/> names whom the actor acted for through a delegation ("Actor 代 ActingFor").</summary>
public sealed record TaskHistoryEntry(string Action, string Actor, DateTimeOffset At, JsonNode? Data, string? ActingFor = null);
