using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Directory;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// One task in full: what a person or an agency system needs to act on it the same way — its <see cref="Outcomes"/>,
/// the JSON Schema of its completion data (<see cref="Schema"/>), values to pre-fill, history — and its case: the
/// reports, timeline and steps of the workflow instance it belongs to. Whoever may see the task may see its case.
/// Its <see cref="Escalation"/> lists the supervision actions taken and the ladder's rungs to come.
/// <see cref="Description"/> is Chinese, <see cref="DescriptionEn"/> English (null when the workflow gave one text).
/// </summary>
/// <param name="Summary">The task as the inbox lists it.</param>
/// <param name="Description">What the step asks, as the workflow wrote it.</param>
/// <param name="DescriptionEn">The description in English, when the workflow gave one per language.</param>
/// <param name="InstanceId">The workflow instance: the case.</param>
/// <param name="DefinitionId">The workflow definition.</param>
/// <param name="ActivityId">The activity that issued the task.</param>
/// <param name="CorrelationId">The case's correlation id, if any.</param>
/// <param name="AssigneeRole"><c>staff</c> or <c>lead</c>, if the step is for one role.</param>
/// <param name="Outcomes">The outcomes to complete the task with.</param>
/// <param name="Schema">The JSON Schema of the completion data.</param>
/// <param name="Prefill">Values to start the form from: for a report step, the case's last report (every field and its evidence list), else the step's own prefill; for other steps the step's prefill, else the task's last interim report.</param>
/// <param name="ReturnReason">Why the step was issued again, as the workflow gave it.</param>
/// <param name="Outcome">The outcome it was completed with.</param>
/// <param name="Result">The completion data.</param>
/// <param name="CompletedBy">Who completed it.</param>
/// <param name="CompletedAt">When it was completed.</param>
/// <param name="History">The task's own history, oldest first.</param>
/// <param name="Reports">Every progress report of the case (all tasks of the instance), oldest first.</param>
/// <param name="Return">The return that sent this step back (who, when, from which step), when it was issued again after one.</param>
/// <param name="Timeline">The history of every task of the case, merged in time order, each entry naming its step.</param>
/// <param name="Steps">The step indicator: the kinds of step the workflow has, in <see cref="StepKinds.CaseOrder"/>, each done, current or upcoming.</param>
/// <param name="Escalation">The task's supervision actions (督办), oldest first, and its ladder's rungs still to come.</param>
/// <param name="Reviews">The joint reviews (会签/或签) of the case, oldest first: each reviewer, their decision, and who was added or removed and why.</param>
/// <param name="CoUnits">The co-units' sub-tasks (协办) of this lead unit's task, by agency code; empty when it has none.</param>
/// <param name="Parent">On a co-unit's sub-task: the lead unit's task it contributes to; null otherwise.</param>
public sealed record TaskView(
    TaskSummary Summary,
    string? Description,
    string? DescriptionEn,
    string InstanceId,
    string DefinitionId,
    string ActivityId,
    string? CorrelationId,
    string? AssigneeRole,
    IReadOnlyList<string> Outcomes,
    JsonNode? Schema,
    JsonNode? Prefill,
    string? ReturnReason,
    string? Outcome,
    JsonNode? Result,
    string? CompletedBy,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<TaskHistoryEntry> History,
    IReadOnlyList<ProgressReportView> Reports,
    CaseReturn? Return,
    IReadOnlyList<CaseHistoryEntry> Timeline,
    IReadOnlyList<CaseStep> Steps,
    TaskEscalation Escalation,
    IReadOnlyList<Reviews.ReviewView> Reviews,
    IReadOnlyList<CoUnitView> CoUnits,
    ParentTaskView? Parent)
{
    /// <summary>The description in the culture's language (default: the current UI culture); English falls back to Chinese.</summary>
    public string? DescriptionIn(CultureInfo? culture = null) => Description is null ? null : DisplayNames.Pick(Description, DescriptionEn, culture);
}
