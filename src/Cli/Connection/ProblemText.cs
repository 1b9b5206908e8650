using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Cli.Connection;

/// <summary>A refused request in words: the ProblemDetails' title and detail, then each field error on its own line.</summary>
public static class ProblemText
{
    public static string From(HttpStatusCode status, string body)
    {
        if (Parse(body) is not { } problem)
        {
            return $"The server answered {(int)status} {status}{(string.IsNullOrWhiteSpace(body) ? "" : $": {body.Trim()}")}";
        }

        var lines = new List<string> { string.Join(": ", new[] { problem["title"]?.ToString(), problem["detail"]?.ToString() }.Where(t => !string.IsNullOrEmpty(t))) };
        if (problem["errors"] is JsonObject errors)
        {
            lines.AddRange(errors.SelectMany(error => Messages(error.Value).Select(message => $"  {error.Key}: {message}")));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static IEnumerable<string> Messages(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(m => m?.ToString() ?? ""),
        null => [],
        _ => [node.ToString()],
    };

    private static JsonObject? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
