using System.Text.Json.Nodes;

namespace AiPlusTasks.Designer.Instances;

/// <summary>One choice of a <c>dropdown</c> workflow input: the value sent and what it is called in each language.</summary>
/// <param name="Value">The value sent.</param>
/// <param name="Text">Its Chinese name.</param>
/// <param name="TextEn">Its English name, if any.</param>
public sealed record WorkflowInputOption(string Value, string Text, string? TextEn)
{
    /// <summary>The option for one entry of an input's <c>options</c>, or null when it has no value.</summary>
    public static WorkflowInputOption? Read(JsonObject option)
    {
        var value = option["value"]?.GetValue<string>();
        return string.IsNullOrWhiteSpace(value) ? null
            : new(value, option["text"]?.GetValue<string>() ?? value, option["textEn"]?.GetValue<string>());
    }
}
