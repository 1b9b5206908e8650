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
    /// <param name="inputs">The definition's <c>inputs[]</c>; entries without a name are left out.</param>
    public WorkflowInputForm(IEnumerable<JsonObject> inputs)
    {
        Fields = [.. inputs.Select(WorkflowInputField.Read).OfType<WorkflowInputField>()];
    }

    public IReadOnlyList<WorkflowInputField> Fields { get; }

    /// <summary>The text entered per field name; a missing or blank entry leaves the input out.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The input typed by hand when there are no <see cref="Fields"/>; blank means no input.</summary>
    public string Json { get; set; } = "{}";

    /// <summary>
    /// Reads the entered values: text as strings, numbers as JSON numbers (invariant culture), yes/no as booleans,
    /// JSON fields and the hand-typed object as JSON.
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
