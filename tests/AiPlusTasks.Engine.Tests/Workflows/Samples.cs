using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Engine.Tests.Workflows;

/// <summary>Sample input for a definition: each declared input's <c>sample</c> (or <c>defaultValue</c>) property.</summary>
internal static class Samples
{
    public static JsonObject InputFor(WorkflowDefinition definition)
    {
        var input = new JsonObject();
        foreach (var declared in definition.Inputs)
        {
            var name = declared["name"]?.GetValue<string>();
            var sample = declared["sample"] ?? declared["defaultValue"];
            if (name is not null && sample is not null)
            {
                input[name] = sample.DeepClone();
            }
        }

        return input;
    }
}
