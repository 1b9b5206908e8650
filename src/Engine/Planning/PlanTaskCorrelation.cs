using System.Diagnostics.CodeAnalysis;

namespace AiPlusTasks.Engine.Planning;

/// <summary>
/// The correlation id tying a workflow instance (and the tasks and events of its instance) to a plan's key task — the
/// one contract between a roll, which starts the work, and everything that reads it back. Formats:
/// <c>{planId}:{taskKey}</c> for the task's breakdown workflow, <c>{planId}:{taskKey}:decision</c> for its carry-over
/// decision, <c>{planId}:{taskKey}:{agency}</c> for an agency's part (the breakdown's <c>AiPlus.FanOut</c> appends the
/// agency). Plan ids, task keys and agency codes never contain <c>:</c>.
/// </summary>
/// <param name="PlanId">The plan.</param>
/// <param name="TaskKey">The key task's stable key within the plan.</param>
/// <param name="Agency">The agency whose part this is; null for the breakdown or the decision.</param>
/// <param name="IsDecision">The carry-over decision workflow of the task (never with an agency).</param>
public sealed record PlanTaskCorrelation(string PlanId, string TaskKey, string? Agency = null, bool IsDecision = false)
{
    /// <summary>Separates the parts.</summary>
    public const char Separator = ':';

    /// <summary>The last part of a decision's correlation id.</summary>
    public const string DecisionPart = "decision";

    /// <summary>The correlation id of a key task's breakdown workflow.</summary>
    public static PlanTaskCorrelation Breakdown(string planId, string taskKey) => new(planId, taskKey);

    /// <summary>The correlation id of a key task's carry-over decision workflow.</summary>
    public static PlanTaskCorrelation Decision(string planId, string taskKey) => new(planId, taskKey, IsDecision: true);

    /// <summary>What every correlation id of a plan's work starts with (for a prefix query).</summary>
    public static string PlanPrefix(string planId) => planId + Separator;

    /// <summary>
    /// The correlation id of an agency's part of the work correlated by <paramref name="parent"/>: the breakdown's id with
    /// the agency, or — for work that is not a plan's key task — the parent's id, the separator and the agency.
    /// </summary>
    public static string ForAgency(string parent, string agency) =>
        TryParse(parent, out var task) && task is { Agency: null, IsDecision: false }
            ? (task with { Agency = agency }).Format()
            : $"{parent}{Separator}{agency}";

    /// <summary>Reads a correlation id written by <see cref="Format"/>; false for any other text.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out PlanTaskCorrelation? correlation)
    {
        correlation = null;
        var parts = value?.Split(Separator);
        if (parts is not { Length: 2 or 3 } || parts.Any(p => p.Length == 0))
        {
            return false;
        }

        correlation = parts.Length == 2
            ? Breakdown(parts[0], parts[1])
            : parts[2] == DecisionPart ? Decision(parts[0], parts[1]) : new PlanTaskCorrelation(parts[0], parts[1], parts[2]);
        return true;
    }

    /// <summary>The correlation id as stored on instances, tasks and event bookmarks.</summary>
    public string Format() =>
        IsDecision ? $"{PlanId}{Separator}{TaskKey}{Separator}{DecisionPart}"
        : Agency is null ? $"{PlanId}{Separator}{TaskKey}"
        : $"{PlanId}{Separator}{TaskKey}{Separator}{Agency}";

    /// <inheritdoc cref="Format"/>
    public override string ToString() => Format();
}
