using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Designer.Instances;

/// <summary>
/// The input of a new instance as the start form collects it: one field per workflow input the definition declares,
/// or, for a definition that declares none, one JSON object typed by hand.
/// </summary>
public sealed class WorkflowInputForm
{
    private readonly TimeZoneInfo _zone;

    /// <param name="inputs">The definition's <c>inputs[]</c>; entries without a name are left out.</param>
    /// <param name="zone">The wall clock of the date-and-time pickers (the engine's time zone, China Standard Time).</param>
    public WorkflowInputForm(IEnumerable<JsonObject> inputs, TimeZoneInfo zone)
    {
        Fields = [.. inputs.Select(WorkflowInputField.Read).OfType<WorkflowInputField>()];
        _zone = zone;
    }

    public IReadOnlyList<WorkflowInputField> Fields { get; }

    /// <summary>
    /// The text entered per field name; a missing or blank entry leaves the input out. A picker keeps the code of what
    /// was picked (agencies: codes joined by commas), a date-and-time picker its wall-clock text (<see cref="WallClockTime.PickerFormat"/>).
    /// </summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The input typed by hand when there are no <see cref="Fields"/>; blank means no input.</summary>
    public string Json { get; set; } = "{}";

    /// <summary>
    /// Reads the entered values: text and picked codes as strings, several agencies as an array of codes, a date and
    /// time as its UTC instant, numbers as JSON numbers (invariant culture), yes/no as booleans, JSON fields and the
    /// hand-typed object as JSON.
    /// </summary>
    /// <returns>The input object when there is nothing wrong, else null and every problem found.</returns>
    public (JsonObject? Input, IReadOnlyList<WorkflowInputProblem> Problems) Build()
    {
        if (Fields.Count == 0)
        {
            return ParseObject(Json);
        }

        var input = new JsonObject();
        var problems = new List<WorkflowInputProblem>();
        foreach (var field in Fields)
        {
            if (!Values.TryGetValue(field.Name, out var text) || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            switch (field.Kind)
            {
                case WorkflowInputKind.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                    input[field.Name] = number;
                    break;
                case WorkflowInputKind.Number:
                    problems.Add(new(field.Name, WorkflowInputProblemKind.NotANumber));
                    break;
                case WorkflowInputKind.YesNo:
                    input[field.Name] = string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
                    break;
                case WorkflowInputKind.Agencies:
                    input[field.Name] = new JsonArray([.. AgencyCodes(text).Select(code => (JsonNode?)code)]);
                    break;
                case WorkflowInputKind.DateTime when WallClockTime.Parse(text, _zone) is { } picked:
                    input[field.Name] = picked.Utc;
                    break;
                case WorkflowInputKind.DateTime:
                    problems.Add(new(field.Name, WorkflowInputProblemKind.NotADateTime));
                    break;
                case WorkflowInputKind.Json:
                    var node = ParseJson(field.Name, text, out var problem);
                    if (problem is null)
                    {
                        input[field.Name] = node;
                    }
                    else
                    {
                        problems.Add(problem);
                    }

                    break;
                default:
                    input[field.Name] = text;
                    break;
            }
        }

        return problems.Count == 0 ? (input, problems) : (null, problems);
    }

    /// <summary>
    /// The field's <c>sample</c> as the field holds a value: an agencies field's array as codes joined by commas, a
    /// date-and-time field's instant on the wall clock; null when there is no sample or it does not fit the field.
    /// </summary>
    public string? SampleValue(WorkflowInputField field)
    {
        if (field.Sample is not { } sample)
        {
            return null;
        }

        switch (field.Kind)
        {
            case WorkflowInputKind.Agencies:
                var codes = ParseJson(field.Name, sample, out _) as JsonArray;
                return codes is null ? null : string.Join(',', codes.Select(c => c?.GetValue<string>()));
            case WorkflowInputKind.DateTime:
                return DateTimeOffset.TryParse(sample, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                    ? TimeZoneInfo.ConvertTime(instant, _zone).ToString(WallClockTime.PickerFormat, CultureInfo.InvariantCulture)
                    : null;
            default:
                return sample;
        }
    }

    /// <summary>The codes an agencies field holds, in the order they were picked.</summary>
    public static IReadOnlyList<string> AgencyCodes(string? text) =>
        text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>The date and time a date-and-time field holds, or null when it holds none.</summary>
    public WallClockTime? PickedTime(string name) => WallClockTime.Parse(Values.GetValueOrDefault(name), _zone);

    private static (JsonObject? Input, IReadOnlyList<WorkflowInputProblem> Problems) ParseObject(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ([], []);
        }

        var node = ParseJson(null, text, out var problem);
        return problem is not null ? (null, [problem])
            : node is JsonObject input ? (input, [])
            : (null, [new(null, WorkflowInputProblemKind.NotAnObject)]);
    }

    private static JsonNode? ParseJson(string? field, string text, out WorkflowInputProblem? problem)
    {
        try
        {
            problem = null;
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            var cut = e.Message.IndexOf(" Path:", StringComparison.Ordinal);
            problem = new(field, WorkflowInputProblemKind.InvalidJson, (e.LineNumber ?? 0) + 1, cut > 0 ? e.Message[..cut].TrimEnd() : e.Message);
            return null;
        }
    }
}
