using AiPlusTasks.Designer.Resources;

namespace AiPlusTasks.Designer.Activities;

/// <summary>Display names of activity types, palette groups and inputs in the current UI culture.</summary>
public static class ActivityTypeNames
{
    /// <summary>E.g. 延时 / Delay for <c>Elsa.Delay</c>; an unknown type shows the part after its last dot.</summary>
    public static string DisplayName(string type) =>
        DesignerText.Get("Type-" + type) ?? type[(type.LastIndexOf('.') + 1)..];

    /// <summary>The name of a palette group, e.g. 时间 / Time for <c>time</c>.</summary>
    public static string GroupName(string group) => DesignerText.Get("Group-" + group) ?? group;

    /// <summary>
    /// The label of an input, e.g. 时长 / Duration for <c>timeSpan</c>: the type's own (<c>Input-{type}-{input}</c>, where
    /// one name means something else there, as a review's <c>mode</c>), else the shared one; unknown inputs show their
    /// JSON name.
    /// </summary>
    public static string InputLabel(string type, string input) =>
        DesignerText.Get($"Input-{type}-{input}") ?? DesignerText.Get("Input-" + input) ?? input;

    /// <summary>E.g. 完成 / Done for the outcome <c>Done</c>; an outcome without a text (a fork's branch) shows its name.</summary>
    public static string OutcomeName(string outcome) => DesignerText.Get("Outcome-" + outcome) ?? outcome;

    /// <summary>
    /// The words for a variable's or input's type, e.g. 文本 / Text for Elsa's <c>String</c>; the stored value stays Elsa's
    /// name, and a type without a text (read from a file) shows that name.
    /// </summary>
    public static string ValueTypeName(string typeName) => DesignerText.Get("ValueType-" + typeName) ?? typeName;

    /// <summary>The words for a form field's JSON Schema type, e.g. 文本 / Text for <c>string</c>; an unknown type shows its name.</summary>
    public static string SchemaTypeName(string type) => DesignerText.Get("SchemaType-" + type) ?? type;
}
