namespace AiPlusTasks.Workflows.Definitions;

/// <summary>One problem found by <see cref="DefinitionValidator"/>.</summary>
/// <param name="ActivityId">The activity it concerns; null for the definition as a whole.</param>
/// <param name="Field">The field: an input name, <c>type</c>, <c>id</c>, <c>connections[i].source.port</c>, <c>variables[i].name</c>…</param>
/// <param name="Message">What is wrong, in English, for the API.</param>
/// <param name="Code">What kind of problem it is (<see cref="ValidationProblemCodes"/>), for a page to say it in its own language.</param>
/// <param name="Arguments">The values the code's text names, in the order <see cref="ValidationProblemCodes"/> gives.</param>
public sealed record ValidationProblem(string? ActivityId, string Field, string Message, string Code, IReadOnlyList<string> Arguments)
{
    /// <summary>The key used in a ProblemDetails <c>errors</c> map, e.g. <c>activities[delay1].timeSpan</c>.</summary>
    public string Key => ActivityId is null ? Field : $"activities[{ActivityId}].{Field}";
}
