namespace AiPlusTasks.Engine.Tasks;

/// <summary>One way completion data breaks its task's JSON Schema.</summary>
/// <param name="Field">The JSON pointer of the value, prefixed <c>data</c> (<c>data/progressPercent</c>); a missing required property is named itself.</param>
/// <param name="Keyword">The schema keyword that failed (<c>required</c>, <c>minimum</c>, <c>maximum</c>, <c>minLength</c>, <c>type</c>, <c>enum</c>…).</param>
/// <param name="Message">The validator's own words (English), for API callers.</param>
public sealed record TaskFormProblem(string Field, string Keyword, string Message);
