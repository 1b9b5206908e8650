using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>One line of a task's history.</summary>
public sealed record TaskHistoryEntry(string Action, string Actor, DateTimeOffset At, JsonNode? Data);
