using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>One rung of the escalation ladder (督办阶梯): an action taken at an offset from the task's due time.</summary>
/// <param name="Offset">Relative to the due time: negative before it (e.g. −3 days), positive after.</param>
/// <param name="Action">reminder (提醒), urge (催办), notice (督办单), interview (约谈), circular (通报).</param>
public sealed record EscalationStep(TimeSpan Offset, string Action)
{
    /// <summary>The actions a step may take, in ladder order.</summary>
    public static readonly IReadOnlyList<string> Actions = ["reminder", "urge", "notice", "interview", "circular"];

    /// <summary>The default ladder: remind at T−3d, urge at due, formal notice at +7d, interview at +14d, circular at +30d.</summary>
    public static readonly IReadOnlyList<EscalationStep> DefaultLadder =
    [
        new(TimeSpan.FromDays(-3), "reminder"),
        new(TimeSpan.Zero, "urge"),
        new(TimeSpan.FromDays(7), "notice"),
        new(TimeSpan.FromDays(14), "interview"),
        new(TimeSpan.FromDays(30), "circular"),
    ];

    /// <summary>
    /// Reads a ladder: <c>"default"</c>, or a JSON array of <c>{"offset": "-P3D", "action": "reminder"}</c>.
    /// Null input means no ladder.
    /// </summary>
    /// <exception cref="ActivityFaultException">An offset or action is invalid.</exception>
    public static IReadOnlyList<EscalationStep> Parse(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return [];
            case JsonValue v when v.TryGetValue<string>(out var text) && text.Trim().Equals("default", StringComparison.OrdinalIgnoreCase):
                return DefaultLadder;
            case JsonValue v when v.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('['):
                return Parse(JsonNode.Parse(text));
            case JsonArray array:
                return [.. array.Select(ParseStep)];
            default:
                throw new ActivityFaultException("input 'escalation' must be \"default\" or an array of {offset, action}");
        }
    }

    private static EscalationStep ParseStep(JsonNode? step)
    {
        var offsetText = step?["offset"]?.GetValue<string>() ?? "";
        var offset = ActivityExecutionContext.ParseDuration(offsetText)
            ?? throw new ActivityFaultException($"escalation offset '{offsetText}' is not a duration (e.g. -P3D, PT0S, P7D)");
        var action = step?["action"]?.GetValue<string>() ?? "";
        return Actions.Contains(action)
            ? new EscalationStep(offset, action)
            : throw new ActivityFaultException($"escalation action '{action}' is not one of {string.Join(", ", Actions)}");
    }
}
