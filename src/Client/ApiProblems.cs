using AiPlusTasks.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AiPlusTasks.Client;

/// <summary>
/// Says what the server refused, from the ProblemDetails it answered with: the title, the detail, and each field's
/// messages of a 400 (<c>confidence: confidence is required</c>).
/// </summary>
public static class ApiProblems
{
    /// <summary>One line per problem: the status and title, then the detail or each field's messages.</summary>
    public static string Describe(ApiException refusal) => refusal switch
    {
        HttpValidationProblemDetails invalid => string.Join(Environment.NewLine,
            [Heading(refusal.ResponseStatusCode, invalid.Title, invalid.Detail), .. FieldMessages(invalid.Errors)]),
        ProblemDetails problem => Heading(refusal.ResponseStatusCode, problem.Title, problem.Detail),
        _ => Heading(refusal.ResponseStatusCode, null, null),
    };

    /// <summary>The messages per field of a 400, as <c>field: message</c> lines.</summary>
    public static IEnumerable<string> FieldMessages(HttpValidationProblemDetails_errors? errors) =>
        (errors?.AdditionalData ?? new Dictionary<string, object>())
            .SelectMany(field => Messages(field.Value).Select(message => $"{field.Key}: {message}"));

    private static string Heading(int status, string? title, string? detail) =>
        string.Join(" ", new[] { $"HTTP {status}", title, detail }.Where(part => !string.IsNullOrWhiteSpace(part)));

    private static IEnumerable<string> Messages(object value) => value switch
    {
        UntypedArray list => list.GetValue().OfType<UntypedString>().Select(s => s.GetValue() ?? ""),
        IEnumerable<object> list => list.Select(item => item.ToString() ?? ""),
        _ => [value.ToString() ?? ""],
    };
}
