using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>One rung of the escalation ladder (督办阶梯): an action taken at an offset from the task's due time.</summary>
/// <param name="Offset">Relative to the due time: negative before it (e.g. −3 days), positive after.</param>
/// <param name="Action">reminder (提醒), urge (催办), notice (督办单), interview (约谈), circular (通报).</param>
public sealed record EscalationStep(TimeSpan Offset, string Action)
{
    /// <summary>提醒: a reminder.</summary>
    public const string Reminder = "reminder";

    /// <summary>催办: an urge to act, by the ladder or by hand.</summary>
    public const string Urge = "urge";

    /// <summary>督办单: a formal supervision notice.</summary>
    public const string Notice = "notice";

    /// <summary>约谈: an interview with the unit's head.</summary>
    public const string Interview = "interview";

    /// <summary>通报: a circular naming the unit.</summary>
    public const string Circular = "circular";

    /// <summary>The actions a step may take, in ladder order.</summary>
    public static readonly IReadOnlyList<string> Actions = [Reminder, Urge, Notice, Interview, Circular];

    /// <summary>The default ladder: remind at T−3d, urge at due, formal notice at +7d, interview at +14d, circular at +30d.</summary>
    public static readonly IReadOnlyList<EscalationStep> DefaultLadder =
    [
        new(TimeSpan.FromDays(-3), Reminder),
        new(TimeSpan.Zero, Urge),
        new(TimeSpan.FromDays(7), Notice),
        new(TimeSpan.FromDays(14), Interview),
        new(TimeSpan.FromDays(30), Circular),
    ];

    /// <summary>
    /// True when the action concerns the agency's head as well as the agency: an interview (约谈) is held with the unit's
    /// head and a circular (通报) names the unit to its leadership; reminders, urges and notices go to the agency.
    /// </summary>
    public static bool TellsLead(string action) => action is Interview or Circular;

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
