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

    /// <summary>The keyword of the problem "the data holds text that is not valid UTF-8" (<see cref="CheckSizes"/>).</summary>
    public const string NotUtf8 = "utf8";

    /// <summary>
    /// The size problems of completion data: every string longer than <see cref="InputLimits.MaxTextLength"/> (named by its
    /// JSON pointer, <c>data/done</c>, keyword <c>maxLength</c>), and data larger than <see cref="InputLimits.MaxDataBytes"/>
    /// as JSON (<c>data</c>, keyword <c>maxBytes</c>). Checked before the schema, whatever the schema allows.
    /// </summary>
    public static IReadOnlyList<TaskFormProblem> CheckSizes(JsonNode? data, InputLimits limits)
    {
        if (data is null)
        {
            return [];
        }

        var problems = new List<TaskFormProblem>();
        if (System.Text.Encoding.UTF8.GetByteCount(data.ToJsonString()) > limits.MaxDataBytes)
        {
            problems.Add(new TaskFormProblem("data", "maxBytes", $"data has at most {limits.MaxDataBytes} bytes of JSON"));
        }

        try
        {
            AddLongStrings(data, "data", limits.MaxTextLength, problems);
        }
        catch (InvalidOperationException e) when (e.InnerException is System.Text.DecoderFallbackException)
        {
            // A name or text that is not UTF-8 is only decoded when read (System.Text.Json reads lazily).
            problems.Add(new TaskFormProblem("data", NotUtf8, "data holds text that is not valid UTF-8"));
        }

        return problems;
    }

    private static void AddLongStrings(JsonNode? node, string at, int max, List<TaskFormProblem> problems)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    AddLongStrings(value, at + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), max, problems);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    AddLongStrings(array[i], $"{at}/{i}", max, problems);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && text.Length > max:
                problems.Add(new TaskFormProblem(at, "maxLength", $"at most {max} characters"));
                break;
        }
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
