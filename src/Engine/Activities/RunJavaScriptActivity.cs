using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Execution;

namespace AiPlusTasks.Engine.Activities;

/// <summary>
/// <c>Elsa.RunJavaScript</c>: runs <c>script</c> in the sandbox; its completion value is the result. The script may
/// choose outcomes with <c>setOutcome('X')</c> (declared in <c>possibleOutcomes</c>); otherwise it completes on <c>Done</c>.
/// </summary>
internal sealed class RunJavaScriptActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        ActivityTypes.RunJavaScript,
        "integration",
        [new("script", InputKind.Text, Required: true), new("possibleOutcomes", InputKind.Names)],
        node => [ActivityDescriptor.Done, .. ActivityExecutionContext.ParseNames(node.GetInput("possibleOutcomes")?.Value)]);

    public void Execute(ActivityExecutionContext context)
    {
        var scope = context.Scope;
        var result = context.Evaluate("script", scope);
        context.Complete(scope.RequestedOutcomes ?? [ActivityDescriptor.Done], result);
    }
}
