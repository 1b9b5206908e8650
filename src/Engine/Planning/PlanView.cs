using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Planning;

/// <summary>A plan with its static layer and its current version.</summary>
public sealed record PlanView(PlanSummary Summary, JsonNode? Static, PlanVersionView? Current);
