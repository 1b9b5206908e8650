using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.SetVariable</c>: sets the variable named by <c>variable.name</c> to the value of <c>value</c>; an absent value sets
/// it to null, as Elsa's (whose <c>Value</c> defaults to a null literal) does.
/// </summary>
internal sealed class SetVariableActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        ActivityTypes.SetVariable,
        "flow",
        [new("variable", InputKind.VariableReference, Required: true), new("value", InputKind.Value)],
        ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context)
    {
        var name = VariableName(context.Node) ?? throw new ActivityFaultException("input 'variable' must name a variable");
        var value = context.Evaluate("value");
        context.Scope.SetVariable(name, value);
        context.Complete(result: value);
    }

    /// <summary>The variable a SetVariable names: Elsa writes <c>{"variable": {"id", "name", …}}</c>; a plain string is accepted too. Null when neither names one (a number, an object without a name).</summary>
    public static string? VariableName(ActivityNode node) => node.Properties["variable"] switch
    {
        System.Text.Json.Nodes.JsonObject { } reference when reference["name"] is System.Text.Json.Nodes.JsonValue text && text.TryGetValue<string>(out var name) => name,
        System.Text.Json.Nodes.JsonValue text when text.TryGetValue<string>(out var name) => name,
        _ => null,
    };
}
