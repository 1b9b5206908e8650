namespace AiPlusTasks.Workflows.Definitions;

/// <summary>A definition failed validation (HTTP 400); <see cref="Problems"/> lists every problem found.</summary>
public sealed class DefinitionValidationException(IReadOnlyList<ValidationProblem> problems)
    : Exception($"The workflow definition has {problems.Count} problem(s): " + string.Join("; ", problems.Select(p => $"{p.Key}: {p.Message}")))
{
    public IReadOnlyList<ValidationProblem> Problems { get; } = problems;
}
