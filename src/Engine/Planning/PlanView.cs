using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Engine.Planning;

/// <summary>
/// A plan with its static layer and its current version; <see cref="LiveColours"/> gives each committed key task of the
/// current version its colour now (<see cref="PlanRoller.SnapshotColour"/>), and <see cref="RollablePeriods"/> the periods
/// a roll may go to now, oldest first (empty when the plan is as far ahead as a roll may go).
/// </summary>
public sealed record PlanView(
    PlanSummary Summary,
    JsonNode? Static,
    PlanVersionView? Current,
    IReadOnlyDictionary<string, TaskColour> LiveColours,
    IReadOnlyList<string> RollablePeriods);
