namespace AiPlusTasks.Designer.Instances;

/// <summary>Why the start form's input cannot be sent.</summary>
/// <param name="Field">The field's name; null for the hand-typed JSON object.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Line">For <see cref="WorkflowInputProblemKind.InvalidJson"/>: the 1-based line of the error.</param>
/// <param name="Detail">For <see cref="WorkflowInputProblemKind.InvalidJson"/>: the parser's message.</param>
public sealed record WorkflowInputProblem(string? Field, WorkflowInputProblemKind Kind, long Line = 0, string? Detail = null);
