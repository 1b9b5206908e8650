using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Cli.Definitions;

/// <summary>
/// The difference between two definitions in normal form (<see cref="DefinitionText"/>), in words: steps (activities,
/// nested ones too) added, removed or with a property changed, connections added or removed, inputs, outputs and
/// variables added, removed or changed, and the definition's own fields.
/// </summary>
public sealed record DefinitionDiff(DefinitionChangeKind Kind, IReadOnlyList<string> Lines)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] ContainerNames = ["activities", "connections", "body"];

    public static DefinitionDiff Between(JsonObject local, JsonObject? server)
    {
        if (server is null)
        {
            var steps = DefinitionSteps.Of(local).Count;
            return new(DefinitionChangeKind.New, [$"new definition with {steps} steps"]);
        }

        if (JsonNode.DeepEquals(local, server))
        {
            return new(DefinitionChangeKind.Unchanged, []);
        }

        var lines = new List<string>();
        lines.AddRange(Fields(server, local));
        lines.AddRange(Named(server, local, "variables", "variable"));
        lines.AddRange(Named(server, local, "inputs", "input"));
        lines.AddRange(Named(server, local, "outputs", "output"));
        lines.AddRange(Steps(DefinitionSteps.Of(server), DefinitionSteps.Of(local)));
        lines.AddRange(Connections(server, local));
        return new(DefinitionChangeKind.Changed, lines);
    }

    private static IEnumerable<string> Fields(JsonObject before, JsonObject after) =>
        Keys(before, after)
            .Where(key => key is not ("root" or "variables" or "inputs" or "outputs") && !JsonNode.DeepEquals(before[key], after[key]))
            .Select(key => $"{key}: {Show(before[key])} → {Show(after[key])}");

    private static IEnumerable<string> Named(JsonObject before, JsonObject after, string list, string what)
    {
        var old = ByName(before[list]);
        var current = ByName(after[list]);
        foreach (var name in old.Keys.Union(current.Keys))
        {
            var line = (old.GetValueOrDefault(name), current.GetValueOrDefault(name)) switch
            {
                (null, _) => $"{what} {name} added",
                (_, null) => $"{what} {name} removed",
                var (a, b) when !JsonNode.DeepEquals(a, b) => $"{what} {name}: {Show(a)} → {Show(b)}",
                _ => null,
            };
            if (line is not null)
            {
                yield return line;
            }
        }
    }

    private static Dictionary<string, JsonObject> ByName(JsonNode? list) =>
        (list as JsonArray ?? []).OfType<JsonObject>().ToDictionary(item => item["name"]?.ToString() ?? item.ToJsonString(), StringComparer.Ordinal);

    private static IEnumerable<string> Steps(Dictionary<string, JsonObject> before, Dictionary<string, JsonObject> after)
    {
        foreach (var id in before.Keys.Union(after.Keys))
        {
            var (old, current) = (before.GetValueOrDefault(id), after.GetValueOrDefault(id));
            if (old is null)
            {
                yield return $"step {DefinitionSteps.Label(current!)} added ({current!["type"]})";
            }
            else if (current is null)
            {
                yield return $"step {DefinitionSteps.Label(old)} removed";
            }
            else
            {
                foreach (var key in Keys(old, current).Where(k => !ContainerNames.Contains(k) && !JsonNode.DeepEquals(old[k], current[k])))
                {
                    yield return key == "metadata"
                        ? $"step {DefinitionSteps.Label(current)}: moved or restyled in the designer"
                        : $"step {DefinitionSteps.Label(current)}: {key} {Show(old[key])} → {Show(current[key])}";
                }
            }
        }
    }

    private static IEnumerable<string> Connections(JsonObject before, JsonObject after)
    {
        var names = DefinitionSteps.Of(before).Concat(DefinitionSteps.Of(after)).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => DefinitionSteps.Label(g.Last().Value));
        var old = ConnectionTexts(before["root"], names);
        var current = ConnectionTexts(after["root"], names);
        return old.Except(current).Select(c => $"connection removed: {c}").Concat(current.Except(old).Select(c => $"connection added: {c}"));
    }

    private static List<string> ConnectionTexts(JsonNode? activity, Dictionary<string, string> names)
    {
        var texts = new List<string>();
        if (activity is not JsonObject obj)
        {
            return texts;
        }

        foreach (var connection in (obj["connections"] as JsonArray ?? []).OfType<JsonObject>())
        {
            texts.Add($"{End(connection["source"], names)} → {End(connection["target"], names)}");
        }

        foreach (var child in (obj["activities"] as JsonArray ?? []).Append(obj["body"]))
        {
            texts.AddRange(ConnectionTexts(child, names));
        }

        return texts;
    }

    private static string End(JsonNode? endpoint, Dictionary<string, string> names)
    {
        var id = endpoint?["activity"]?.ToString() ?? "?";
        var port = endpoint?["port"]?.ToString();
        return $"{names.GetValueOrDefault(id, id)}{(port is null ? "" : $" [{port}]")}";
    }

    private static IEnumerable<string> Keys(JsonObject a, JsonObject b) => a.Select(p => p.Key).Union(b.Select(p => p.Key));

    private static string Show(JsonNode? value) => value switch
    {
        null => "(none)",
        JsonValue v when v.TryGetValue<string>(out var text) => $"\"{text}\"",
        _ => value.ToJsonString(Compact),
    };
}
