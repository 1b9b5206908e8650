using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Editing;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Workflows.Definitions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace AiPlusTasks.Designer.Components;

/// <summary>
/// Edits the workflow's variables and inputs through <see cref="GraphEditor.SetVariables"/> and
/// <see cref="GraphEditor.SetInputs"/>. Names must pass <see cref="WorkflowNames.Check"/>; an input property left
/// blank is removed; properties the panel does not show (an input's <c>sample</c>, a variable's <c>id</c>…) are kept.
/// </summary>
public sealed partial class WorkflowPanel
{
    /// <summary>Elsa's type for a variable or input that names none.</summary>
    private const string DefaultType = "Object";

    /// <summary>The type aliases offered (Elsa's names); a type read from a file that is not here is offered too.</summary>
    private static readonly string[] Types =
        ["String", "Int32", "Int64", "Double", "Decimal", "Boolean", "DateTime", "TimeSpan", "Object", "String[]", "Object[]"];

    private readonly Dictionary<string, string> _nameProblems = new(StringComparer.Ordinal);

    /// <summary>The definition's graph editor; the panel reads the graph's variables and inputs and changes them through it.</summary>
    [Parameter]
    [EditorRequired]
    public GraphEditor Editor { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    private static IEnumerable<string> TypesWith(string current) => Types.Contains(current) ? Types : Types.Prepend(current);

    private static string VariableKey(int index) => $"variable-{index}";

    private static string InputKey(int index) => $"input-{index}";

    private static string? Text(JsonObject input, string key) =>
        input[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // Elsa writes initial values as strings; a value that is not a string (written by hand) is shown as its JSON.
    private static string ValueText(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => value.ToJsonString(),
    };

    private static JsonValue? ValueOf(string? text) => string.IsNullOrEmpty(text) ? null : JsonValue.Create(text);

    private void AddVariable()
    {
        _nameProblems.Clear();
        var name = NumberedName.Next("Variable", Editor.Graph.Variables.Select(v => v.Name));
        Editor.SetVariables([.. Editor.Graph.Variables, new VariableDefinition { Id = Guid.NewGuid().ToString("N"), Name = name }]);
    }

    private void RemoveVariable(int index)
    {
        _nameProblems.Clear();
        Editor.SetVariables([.. Editor.Graph.Variables.Where((_, i) => i != index)]);
    }

    private void RenameVariable(int index, string? name)
    {
        var others = Editor.Graph.Variables.Where((_, i) => i != index).Select(v => v.Name);
        if (Accepts(VariableKey(index), name, others))
        {
            ChangeVariable(index, v => v.Name = name!);
        }
    }

    private void ChangeVariable(int index, Action<VariableDefinition> change)
    {
        var variables = Editor.Graph.Variables.ToList();
        var changed = DefinitionCopy.Clone(variables[index]);
        change(changed);
        variables[index] = changed;
        Editor.SetVariables(variables);
    }

    private void AddInput()
    {
        _nameProblems.Clear();
        var name = NumberedName.Next("input", Editor.Graph.Inputs.Select(i => Text(i, "name") ?? ""));
        Editor.SetInputs([.. Editor.Graph.Inputs, new JsonObject { ["name"] = name, ["type"] = "String" }]);
    }

    private void RemoveInput(int index)
    {
        _nameProblems.Clear();
        Editor.SetInputs([.. Editor.Graph.Inputs.Where((_, i) => i != index)]);
    }

    private void RenameInput(int index, string? name)
    {
        var others = Editor.Graph.Inputs.Where((_, i) => i != index).Select(i => Text(i, "name") ?? "");
        if (Accepts(InputKey(index), name, others))
        {
            ChangeInput(index, "name", name);
        }
    }

    private void ChangeInput(int index, string property, string? value)
    {
        var inputs = Editor.Graph.Inputs.ToList();
        var changed = (JsonObject)inputs[index].DeepClone();
        if (string.IsNullOrWhiteSpace(value))
        {
            changed.Remove(property);
        }
        else
        {
            changed[property] = value;
        }

        inputs[index] = changed;
        Editor.SetInputs(inputs);
    }

    private bool Accepts(string key, string? name, IEnumerable<string> others)
    {
        var problem = WorkflowNames.Check(name, others);
        if (problem is null)
        {
            _nameProblems.Remove(key);
            return true;
        }

        _nameProblems[key] = T["Name" + problem, name ?? ""];
        return false;
    }
}
