using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// An activity whose type is a workflow definition usable as an activity (Elsa 3's <c>WorkflowDefinitionActivity</c>).
/// It evaluates the inputs the definition declares (the activity's properties of those names, in camelCase) and runs the
/// definition as a child instance, right away and in the same call, as <c>Elsa.ExecuteWorkflow</c> does; the child
/// shares the parent's correlation id. Which version runs is the <see cref="VersionChoice"/>, resolved when the child
/// starts. When the child finishes, the activity completes on the child's outcomes (those of the <c>Elsa.Complete</c>
/// that ended it, else <c>Done</c>) with the child's output as its result; each declared output is also an output of
/// the activity that a memory reference can bind to a variable. A child that faults or is cancelled faults the activity.
/// Elsa runs the definition inline as a composite instead of a child instance; what the parent sees is the same.
/// </summary>
internal sealed class WorkflowDefinitionActivity(DefinitionActivityType type) : IActivity
{
    /// <summary>The palette group of these types.</summary>
    public const string Category = "workflows";

    public ActivityDescriptor Descriptor { get; } = new(type.Type, Category, DescribeInputs(type), node => Ports(type.VersionFor(node) ?? type.Shown));

    public void Execute(ActivityExecutionContext context)
    {
        var node = context.Node;
        var candidates = VersionChoice.Candidates(node, context.EvaluateText(VersionChoice.InputName));
        var declared = type.Pick(candidates) ?? type.Shown;
        var input = new JsonObject();
        foreach (var name in DefinitionActivityType.Names(declared.Inputs))
        {
            var property = DefinitionActivityType.PropertyName(name);
            if (node.Properties.ContainsKey(property))
            {
                input[name] = context.Evaluate(property)?.DeepClone();
            }
        }

        var definitionId = node.Properties["workflowDefinitionId"] is JsonValue id && id.TryGetValue<string>(out var text) && text.Length > 0 ? text : type.DefinitionId;
        context.StartChildWorkflow(definitionId, input, context.CorrelationId, candidates);
    }

    public void Resume(ActivityExecutionContext context, Bookmark bookmark, JsonNode? payload)
    {
        var child = ChildOutcome.Read(payload);
        if (!child.Finished)
        {
            throw new ActivityFaultException($"workflow '{context.Node.Type}' (child instance {bookmark.Key}) ended {child.Status}{(child.Message is null ? "" : ": " + child.Message)}");
        }

        context.Complete(child.Outcomes is { Count: > 0 } outcomes ? outcomes : [ActivityDescriptor.Done], child.Output);
    }

    /// <summary>
    /// Each output the definition declares, read from the child's output by name; outputs the child set that this
    /// process's copy of the definition does not declare (another version ran) count too.
    /// </summary>
    public IEnumerable<KeyValuePair<string, JsonNode?>> Outputs(ActivityNode node, JsonNode? result)
    {
        var output = result as JsonObject;
        var declared = DefinitionActivityType.Names((type.VersionFor(node) ?? type.Shown).Outputs);
        return declared.Union(output?.Select(p => p.Key) ?? [], StringComparer.Ordinal)
            .Select(name => new KeyValuePair<string, JsonNode?>(DefinitionActivityType.PropertyName(name), output?[name]));
    }

    /// <summary>The version choice, then the inputs of the shown version, edited by the kind their type suggests.</summary>
    private static List<InputDescriptor> DescribeInputs(DefinitionActivityType type)
    {
        var choices = new List<string> { VersionChoice.Published, VersionChoice.Latest };
        choices.AddRange(type.Versions.Select(v => v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var inputs = new List<InputDescriptor> { new(VersionChoice.InputName, InputKind.Choice, Choices: choices) };
        foreach (var input in type.Shown.Inputs)
        {
            if (input["name"] is JsonValue name && name.TryGetValue<string>(out var text) && text.Length > 0)
            {
                inputs.Add(new(DefinitionActivityType.PropertyName(text), KindOf(input)));
            }
        }

        return inputs;
    }

    private static InputKind KindOf(JsonObject input)
    {
        if (input["isArray"] is JsonValue isArray && isArray.TryGetValue<bool>(out var array) && array)
        {
            return InputKind.Json;
        }

        return (input["type"] as JsonValue)?.ToString() switch
        {
            "String" => InputKind.Text,
            "Int16" or "Int32" or "Int64" or "Single" or "Double" or "Decimal" => InputKind.Number,
            "Boolean" => InputKind.Condition,
            "TimeSpan" => InputKind.Duration,
            _ => InputKind.Value,
        };
    }

    /// <summary>The definition's outcomes, and <c>Done</c>: a child that ends without <c>Elsa.Complete</c> completes on it, as in Elsa.</summary>
    private static IReadOnlyList<string> Ports(WorkflowDefinition version) =>
        [.. DefinitionActivityType.Outcomes(version).Append(ActivityDescriptor.Done).Distinct(StringComparer.Ordinal)];
}
