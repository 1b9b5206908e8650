using System.Text.Json.Nodes;

namespace AiPlusTasks.Cli.Definitions;

/// <summary>The steps of a definition in JSON: the root's activities and every nested one (in containers and bodies), by id.</summary>
public static class DefinitionSteps
{
    public static Dictionary<string, JsonObject> Of(JsonNode? definition)
    {
        var all = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        void Walk(JsonNode? node)
        {
            if (node is not JsonObject activity)
            {
                return;
            }

            foreach (var child in (activity["activities"] as JsonArray ?? []).Append(activity["body"]).OfType<JsonObject>())
            {
                all[child["id"]!.ToString()] = child;
                Walk(child);
            }
        }

        Walk(definition?["root"]);
        return all;
    }

    /// <summary>How a step is named in the CLI's output: <c>name (id)</c>, or the id of a step without a name.</summary>
    public static string Label(JsonObject activity) =>
        activity["name"] is { } name ? $"{name} ({activity["id"]})" : activity["id"]!.ToString();
}
