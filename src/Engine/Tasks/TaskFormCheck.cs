using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// Checks completion data against a task's JSON Schema. The service answers a 400 from these problems and a task page
/// checks its form with the same rules before sending, so both name the same fields for the same data.
/// </summary>
public static class TaskFormCheck
{
    /// <summary>Every problem of <paramref name="data"/> against <paramref name="schema"/>; none when the schema is null or the data matches.</summary>
    public static IReadOnlyList<TaskFormProblem> Check(JsonNode? schema, JsonNode? data)
    {
        if (schema is null)
        {
            return [];
        }

        var evaluated = JsonSchema.FromText(schema.ToJsonString());
        using var document = JsonDocument.Parse(data?.ToJsonString() ?? "null");
        var result = evaluated.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var problems = new List<TaskFormProblem>();
        foreach (var detail in result.Details ?? [])
        {
            foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                var at = "data" + detail.InstanceLocation;
                if (keyword == "required" && Missing(schema, data, detail.InstanceLocation.ToString()) is { Count: > 0 } missing)
                {
                    problems.AddRange(missing.Select(name => new TaskFormProblem(at + "/" + name, keyword, $"{name} is required")));
                }
                else
                {
                    problems.Add(new TaskFormProblem(at, keyword, message));
                }
            }
        }

        return problems.Count > 0 ? problems : [new TaskFormProblem("data", "schema", "data does not match the task's schema")];
    }

    /// <summary>The problems as a 400's errors: messages by field.</summary>
    public static Dictionary<string, string[]> Errors(IEnumerable<TaskFormProblem> problems) =>
        problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).Distinct().ToArray());

    /// <summary>The required properties absent (or null) at the top level; nested objects keep the validator's message.</summary>
    private static List<string> Missing(JsonNode schema, JsonNode? data, string location)
    {
        if (location.Length > 0 || schema["required"] is not JsonArray required)
        {
            return [];
        }

        var values = data as JsonObject;
        return [.. required.Select(r => r?.ToString()).OfType<string>().Where(name => values?[name] is null)];
    }
}
