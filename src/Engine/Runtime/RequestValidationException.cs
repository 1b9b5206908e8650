namespace AiPlusTasks.Engine.Runtime;

/// <summary>The request is invalid (HTTP 400); <see cref="Errors"/> names every offending field.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors, string message = "The request is invalid.")
    : Exception(message)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>One invalid field.</summary>
    public static RequestValidationException For(string field, string error) => new(new Dictionary<string, string[]> { [field] = [error] });
}
