using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Expressions;

namespace AiPlusTasks.Workflows.Execution;

/// <summary>
/// Elsa 3's output binding. An activity's output property in the JSON,
/// <c>"result": {"typeName": "Object", "memoryReference": {"id": "…"}}</c>, names where the output goes when the
/// activity completes. As in Elsa (elsa-core <c>ExpressionExecutionContextExtensions.Set(Output, …)</c>), the id is the
/// memory block of a workflow variable, that is the variable's <c>id</c>; and when a workflow output (<c>outputs[]</c>)
/// has that name, the value also becomes that workflow output — Elsa Studio offers both as binding targets. Variables
/// declared without an id (our files allow it) are found by name. A reference that names neither is ignored: Elsa writes
/// it to a memory block that nothing reads.
/// </summary>
public static class MemoryReference
{
    /// <summary>Whether any property of <paramref name="node"/> is an output binding (most activities have none).</summary>
    public static bool AnyIn(ActivityNode node)
    {
        foreach (var (_, value) in node.Properties)
        {
            if (value is JsonObject binding && binding.ContainsKey("memoryReference") && !binding.ContainsKey("expression"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The memory block id an output property of <paramref name="node"/> names, or null when the output is not bound (no
    /// property, no <c>memoryReference</c>, or an input with an <c>expression</c>). The property name is matched ignoring
    /// case: Elsa writes a definition's output <c>Total</c> as <c>total</c>.
    /// </summary>
    public static string? IdOf(ActivityNode node, string output)
    {
        foreach (var (name, value) in node.Properties)
        {
            if (string.Equals(name, output, StringComparison.OrdinalIgnoreCase)
                && value is JsonObject binding
                && !binding.ContainsKey("expression")
                && binding["memoryReference"] is JsonObject reference
                && reference["id"] is JsonValue id
                && id.TryGetValue<string>(out var text)
                && text.Length > 0)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>
    /// Writes <paramref name="value"/> to what <paramref name="id"/> names: the variable with that id (else that name),
    /// set through <paramref name="scope"/>, and the workflow output of that name. Returns whether anything was written.
    /// </summary>
    public static bool Write(string id, JsonNode? value, WorkflowDefinition definition, IExpressionScope scope, JsonObject workflowOutput)
    {
        var written = false;
        var variable = definition.Variables.FirstOrDefault(v => v.Id == id) ?? definition.Variables.FirstOrDefault(v => v.Name == id);
        if (variable is not null)
        {
            scope.SetVariable(variable.Name, value);
            written = true;
        }

        if (definition.Outputs.Any(o => o["name"] is JsonValue name && name.TryGetValue<string>(out var text) && text == id))
        {
            workflowOutput[id] = value?.DeepClone();
            written = true;
        }

        return written;
    }
}
