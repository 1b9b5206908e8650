namespace AiPlusTasks.Workflows.Expressions;

/// <summary>An expression could not be evaluated; faults the activity that evaluated it.</summary>
public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);
