using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Planning;

/// <summary>An amendment of a plan's static layer as shown to callers.</summary>
public sealed record PlanAmendment(int Number, JsonNode? Static, string Reason, string? DocumentNumber, string AmendedBy, DateTimeOffset AmendedAt);
