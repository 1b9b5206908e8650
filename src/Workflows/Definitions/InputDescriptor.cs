namespace AiPlusTasks.Workflows.Definitions;

/// <summary>Describes one input of an activity type: its JSON name, how it is edited and checked, whether it is required.</summary>
/// <param name="Name">The JSON property name (camelCase), e.g. <c>timeSpan</c>.</param>
/// <param name="Kind">How the value is edited and checked.</param>
/// <param name="Required">Whether validation reports a missing value.</param>
/// <param name="Choices">The allowed values of a <see cref="InputKind.Choice"/> input.</param>
/// <param name="DefaultValue">The value used when the input is absent, as text.</param>
public sealed record InputDescriptor(string Name, InputKind Kind, bool Required = false, IReadOnlyList<string>? Choices = null, string? DefaultValue = null);
