using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Designer.Instances;

/// <summary>
/// The completion data of a human task in a test run, as a form: one field per property of the task's JSON Schema,
/// filled with plausible sample values the planner can change. A sample follows the property's <c>const</c>,
/// <c>default</c>, first <c>examples</c> or first <c>enum</c> value when there is one, else its type: text for a
/// <c>string</c> (a date, time, e-mail address or link for those <c>format</c>s; as long as <c>minLength</c> asks and no
/// longer than <c>maxLength</c>), the middle of <c>minimum</c>…<c>maximum</c> for numbers, yes for booleans, and objects
/// and arrays built from their own properties and items. The task's prefill, when it has one, wins over the samples.
/// </summary>
public sealed class TaskForm
{
    private readonly Dictionary<string, IReadOnlyList<JsonNode?>> _choices = new(StringComparer.Ordinal);

    /// <param name="schema">The task's form schema; null or without <c>properties</c> gives a form with no fields.</param>
    /// <param name="prefill">Values the task's form starts from, over the samples; null for none.</param>
    /// <param name="now">The time dates are sampled from (a week later), in the time zone the planner reads.</param>
    public TaskForm(JsonNode? schema, JsonNode? prefill, DateTimeOffset now)
    {
        Fields = TaskFormField.Read(schema);
        foreach (var field in Fields)
        {
            var property = schema?["properties"]?[field.Name] as JsonObject ?? [];
            if (field.Kind == TaskFormFieldKind.Choice)
            {
                _choices[field.Name] = [.. (JsonArray)property["enum"]!];
            }

            var value = prefill is JsonObject values && values.TryGetPropertyValue(field.Name, out var given) && given is not null
                ? given
                : Sample(property, field.Label, now);
            Values[field.Name] = value is null ? "" : field.Kind is TaskFormFieldKind.Json or TaskFormFieldKind.Files ? value.ToJsonString() : TaskFormField.Display(value);
        }
    }

    public IReadOnlyList<TaskFormField> Fields { get; }

    /// <summary>The text of each field by name; blank leaves the property out of the data.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the form: text as strings, numbers as JSON numbers (whole ones as integers), yes/no as booleans, a choice as
    /// its <c>enum</c> value, JSON fields parsed. Whether the data matches the rest of the schema is the engine's check.
    /// </summary>
    /// <returns>The completion data when every field can be read and every required one is filled, else null and every problem.</returns>
    public (JsonObject? Data, IReadOnlyList<WorkflowInputProblem> Problems) Build()
    {
        var data = new JsonObject();
        var problems = new List<WorkflowInputProblem>();
        foreach (var field in Fields)
        {
            var text = Values.GetValueOrDefault(field.Name, "");
            if (string.IsNullOrWhiteSpace(text))
            {
                if (field.Required)
                {
                    problems.Add(new(field.Name, WorkflowInputProblemKind.Required));
                }

                continue;
            }

            switch (field.Kind)
            {
                case TaskFormFieldKind.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                    data[field.Name] = number == Math.Floor(number) && Math.Abs(number) < 1e15 ? JsonValue.Create((long)number) : JsonValue.Create(number);
                    break;
                case TaskFormFieldKind.Number:
                    problems.Add(new(field.Name, WorkflowInputProblemKind.NotANumber));
                    break;
                case TaskFormFieldKind.YesNo:
                    data[field.Name] = string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
                    break;
                case TaskFormFieldKind.Choice:
                    data[field.Name] = _choices[field.Name].FirstOrDefault(c => TaskFormField.Display(c) == text)?.DeepClone() ?? JsonValue.Create(text);
                    break;
                case TaskFormFieldKind.Json:
                case TaskFormFieldKind.Files:
                    try
                    {
                        data[field.Name] = JsonNode.Parse(text);
                    }
                    catch (JsonException e)
                    {
                        problems.Add(new(field.Name, WorkflowInputProblemKind.InvalidJson, (e.LineNumber ?? 0) + 1, e.Message));
                    }

                    break;
                default:
                    data[field.Name] = text;
                    break;
            }
        }

        return problems.Count == 0 ? (data, problems) : (null, problems);
    }

    /// <summary>A plausible value for one schema (see the class); null only for <c>"type": "null"</c>.</summary>
    public static JsonNode? Sample(JsonObject schema, string label, DateTimeOffset now)
    {
        foreach (var given in new[] { schema["const"], schema["default"], (schema["examples"] as JsonArray)?.FirstOrDefault(), (schema["enum"] as JsonArray)?.FirstOrDefault() })
        {
            if (given is not null)
            {
                return given.DeepClone();
            }
        }

        switch (TaskFormField.SchemaType(schema))
        {
            case "string":
                return SampleText(schema, label, now);
            case "integer":
                return JsonValue.Create((long)SampleNumber(schema, integer: true));
            case "number":
                return JsonValue.Create(SampleNumber(schema, integer: false));
            case "boolean":
                return JsonValue.Create(true);
            case "array":
                var items = schema["items"] as JsonObject;
                var count = Math.Max(1, (int)(Number(schema["minItems"]) ?? 1));
                return items is null ? new JsonArray() : new JsonArray([.. Enumerable.Range(0, count).Select(_ => Sample(items, label, now))]);
            case "object":
                var sample = new JsonObject();
                foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
                {
                    sample[name] = property is JsonObject p ? Sample(p, Text(p["title"]) ?? name, now) : null;
                }

                return sample;
            case "null":
                return null;
            default:
                return JsonValue.Create(SampleText(schema, label, now));
        }
    }

    private static string SampleText(JsonObject schema, string label, DateTimeOffset now)
    {
        var text = Text(schema["format"]) switch
        {
            "date-time" => now.AddDays(7).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            "date" => now.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "time" => "09:00:00",
            "email" or "idn-email" => "planner@example.cn",
            "uri" or "url" or "iri" or "uri-reference" => "https://example.cn/evidence/1",
            "uuid" => "00000000-0000-4000-8000-000000000001",
            _ => string.Format(CultureInfo.CurrentCulture, DesignerText.Get("TestRunSampleText") ?? "{0}", label),
        };
        var min = (int)(Number(schema["minLength"]) ?? 0);
        while (text.Length < min)
        {
            text += text;
        }

        return Number(schema["maxLength"]) is { } max && text.Length > max ? text[..(int)Math.Max(0, max)] : text;
    }

    private static double SampleNumber(JsonObject schema, bool integer)
    {
        var step = integer ? 1 : 0.5;
        var min = Number(schema["minimum"]) ?? Number(schema["exclusiveMinimum"]) + step;
        var max = Number(schema["maximum"]) ?? Number(schema["exclusiveMaximum"]) - step;
        var value = (min, max) switch
        {
            ({ } low, { } high) => (low + high) / 2,
            ({ } low, null) => low,
            (null, { } high) => Math.Min(1, high),
            _ => 1,
        };
        return integer ? Math.Max(Math.Floor(value), Math.Ceiling(min ?? double.MinValue)) : value;
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
