using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.RunJavaScript</c>: runs <c>script</c> in the sandbox; its completion value is the result. As in Elsa, the
/// input's value is the code (a Literal or JavaScript expression holds it as text; a Variable or Input expression yields
/// it). The script may
/// choose its outcome with <c>setOutcome('X')</c> or several with <c>setOutcomes(['X', 'Y'])</c> (declared in
/// <c>possibleOutcomes</c>; the last call wins, as in Elsa); otherwise it completes on <c>Done</c>. Its completion value
/// is its <c>Result</c> output (<c>getResultFrom{Name}()</c>). An absent or blank script runs
/// nothing and completes on <c>Done</c>, as Elsa's does.
/// </summary>
internal sealed class RunJavaScriptActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        ActivityTypes.RunJavaScript,
        "integration",
        [new("script", InputKind.Script), new("possibleOutcomes", InputKind.Names)],
        node => [ActivityDescriptor.Done, .. ActivityExecutionContext.ParseNames(node.GetInput("possibleOutcomes")?.Value)])
    {
        Outputs = [ActivityDescriptor.Result],
    };

    public void Execute(ActivityExecutionContext context)
    {
        var input = context.Node.GetInput("script");
        var script = input is null ? null : input.Type is Expression.Literal or Expression.JavaScript ? input.Text : context.EvaluateText("script");
        if (string.IsNullOrWhiteSpace(script))
        {
            // As in Elsa: no script, nothing to run; the activity completes on Done without a result.
            context.Complete();
            return;
        }

        var scope = context.Scope;
        var result = context.RunScript(script, scope);
        context.Complete(scope.RequestedOutcomes ?? [ActivityDescriptor.Done], result);
    }
}
