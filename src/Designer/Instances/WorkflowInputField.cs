using System.Text.Json.Nodes;

namespace AiPlusTasks.Designer.Instances;

/// <summary>
/// One field of the start form: a workflow input as the definition declares it in Elsa's <c>inputs[]</c>. Its
/// <c>uiHint</c> picks the editor, as in Elsa Studio: Elsa's <c>datetime-picker</c>, and our <c>agency-picker</c>
/// (ministries and province-level units), <c>ministry-picker</c>, <c>province-picker</c> (one agency for a
/// <c>String</c>, several for an array), <c>plan-picker</c> and <c>pillar-picker</c>; an agency picker whose input has
/// <c>"allWhenEmpty": true</c> offers "all province-level units", which leaves the input out; Elsa's <c>dropdown</c>
/// offers the input's <c>options</c> (<c>{value, text, textEn}</c>). Without a hint the <c>type</c> decides.
/// </summary>
/// <param name="Name">The input's name: the key in the instance's input object.</param>
/// <param name="Label">The input's <c>displayName</c>, else its name.</param>
/// <param name="Kind">How the value is entered, from the input's <c>uiHint</c>, else its <c>type</c> and <c>isArray</c>.</param>
/// <param name="Description">The input's <c>description</c>, if any.</param>
/// <param name="Sample">The input's <c>sample</c> as text (shown as a placeholder, never sent).</param>
/// <param name="Scope">For the agency kinds: which agencies the picker offers.</param>
/// <param name="AllWhenEmpty">For <see cref="WorkflowInputKind.Agencies"/>: choosing none means all province-level units.</param>
/// <param name="Options">For <see cref="WorkflowInputKind.Choice"/>: what may be chosen.</param>
public sealed record WorkflowInputField(
    string Name,
    string Label,
    WorkflowInputKind Kind,
    string? Description,
    string? Sample,
    AgencyScope Scope = AgencyScope.All,
    bool AllWhenEmpty = false,
    IReadOnlyList<WorkflowInputOption>? Options = null)
{
    private static readonly Dictionary<string, AgencyScope> AgencyHints = new(StringComparer.Ordinal)
    {
        ["agency-picker"] = AgencyScope.All,
        ["ministry-picker"] = AgencyScope.Ministries,
        ["province-picker"] = AgencyScope.Provinces,
    };

    private static readonly HashSet<string> NumberTypes = ["Int16", "Int32", "Int64", "Single", "Double", "Decimal", "Number"];

    /// <summary>The field for one entry of <c>inputs[]</c>, or null when it has no name.</summary>
    public static WorkflowInputField? Read(JsonObject input)
    {
        if (Text(input["name"]) is not { Length: > 0 } name)
        {
            return null;
        }

        var type = Text(input["type"]) ?? "Object";
        var isArray = input["isArray"] is JsonValue flag && flag.TryGetValue<bool>(out var array) && array;
        isArray = isArray || type.EndsWith("[]", StringComparison.Ordinal);
        var hint = Text(input["uiHint"]);
        var kind = hint is not null && AgencyHints.ContainsKey(hint) ? (isArray ? WorkflowInputKind.Agencies : WorkflowInputKind.Agency)
            : hint == "plan-picker" ? WorkflowInputKind.Plan
            : hint == "pillar-picker" ? WorkflowInputKind.Pillar
            : hint == "datetime-picker" ? WorkflowInputKind.DateTime
            : hint == "dropdown" && input["options"] is JsonArray { Count: > 0 } ? WorkflowInputKind.Choice
            : isArray ? WorkflowInputKind.Json
            : type == "String" ? WorkflowInputKind.Text
            : type == "Boolean" ? WorkflowInputKind.YesNo
            : NumberTypes.Contains(type) ? WorkflowInputKind.Number
            : WorkflowInputKind.Json;
        var sample = input["sample"] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var s) => s,
            var node => node.ToJsonString(),
        };
        var allWhenEmpty = kind == WorkflowInputKind.Agencies && input["allWhenEmpty"] is JsonValue all && all.TryGetValue<bool>(out var empty) && empty;
        return new(name, Text(input["displayName"]) ?? name, kind, Text(input["description"]), sample,
            hint is not null && AgencyHints.TryGetValue(hint, out var scope) ? scope : AgencyScope.All, allWhenEmpty,
            kind == WorkflowInputKind.Choice ? [.. input["options"]!.AsArray().OfType<JsonObject>().Select(WorkflowInputOption.Read).OfType<WorkflowInputOption>()] : null);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
