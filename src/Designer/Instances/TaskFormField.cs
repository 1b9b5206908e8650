namespace AiPlusTasks.Designer.Instances;

/// <summary>One field of a test run's task form: a property of the task's JSON Schema.</summary>
/// <param name="Name">The property's name: the key in the completion data.</param>
/// <param name="Label">The property's <c>title</c>, else its name.</param>
/// <param name="Kind">How the value is entered.</param>
/// <param name="Required">Whether the schema lists it in <c>required</c>.</param>
/// <param name="Options">For <see cref="TaskFormFieldKind.Choice"/>: the <c>enum</c> values as text, in order.</param>
/// <param name="Description">The property's <c>description</c>, if any.</param>
/// <param name="IsInteger">For <see cref="TaskFormFieldKind.Number"/>: true when the schema asks for an <c>integer</c>.</param>
public sealed record TaskFormField(
    string Name, string Label, TaskFormFieldKind Kind, bool Required, IReadOnlyList<string> Options, string? Description, bool IsInteger = false);
