using AiPlusTasks.Workflows.Activities;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// <c>AiPlus.Escalate</c>: records a supervision action (督办) on a task — e.g. when a report is returned a third time —
/// raising its escalation level and colour (never lowering the colour), with a domain event <c>task.escalated</c>.
/// </summary>
internal sealed class EscalateActivity : IActivity
{
    public const string Type = "AiPlus.Escalate";

    public ActivityDescriptor Descriptor { get; } = new(
        Type,
        "tasks",
        [
            new("taskId", InputKind.Text, Required: true),
            new("action", InputKind.Choice, Choices: EscalationStep.Actions, DefaultValue: "notice"),
            new("level", InputKind.Number, DefaultValue: "3"),
            new("colour", InputKind.Choice, Choices: ["Blue", "Yellow", "Red"], DefaultValue: "Yellow"),
            new("reason", InputKind.Text),
        ],
        ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context)
    {
        var action = context.EvaluateText("action") ?? "notice";
        if (!EscalationStep.Actions.Contains(action))
        {
            throw new ActivityFaultException($"input 'action': '{action}' is not one of {string.Join(", ", EscalationStep.Actions)}");
        }

        var colourText = context.EvaluateText("colour") ?? nameof(TaskColour.Yellow);
        var colour = Enum.TryParse<TaskColour>(colourText, ignoreCase: true, out var parsed)
            ? parsed
            : throw new ActivityFaultException($"input 'colour': '{colourText}' is not Blue, Yellow or Red");
        var level = (int)context.EvaluateNumber("level", 3);
        context.AddEffect(new TaskEffects.Escalated(context.RequireText("taskId"), level, action, colour, "workflow", context.EvaluateText("reason")));
        context.Complete();
    }
}
