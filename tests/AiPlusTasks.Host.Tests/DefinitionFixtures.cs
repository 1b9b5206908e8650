using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests;

/// <summary>Elsa 3 definitions from <c>Fixtures/</c>, renamed per test so tests sharing a database never collide.</summary>
public static class DefinitionFixtures
{
    /// <summary>The fixture's JSON text exactly as stored.</summary>
    public static string Text(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fileName));

    /// <summary>The fixture as a JSON object, with a fresh <c>definitionId</c> (its own plus a unique suffix) and no version id.</summary>
    public static JsonObject Load(string fileName, out string definitionId)
    {
        var definition = JsonNode.Parse(Text(fileName))!.AsObject();
        definitionId = $"{definition["definitionId"]!.GetValue<string>()}-{Guid.NewGuid().ToString("N")[..12]}";
        definition["definitionId"] = definitionId;
        definition.Remove("id");
        return definition;
    }

    /// <summary>Sets an input of a root-level activity to a literal.</summary>
    public static JsonObject WithLiteral(this JsonObject definition, string activityId, string input, string value)
    {
        Activity(definition, activityId)[input] = new JsonObject
        {
            ["typeName"] = "String",
            ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
        };
        return definition;
    }

    /// <summary>A root-level activity of the flowchart.</summary>
    public static JsonObject Activity(JsonNode definition, string activityId) =>
        definition["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == activityId)!.AsObject();
}
