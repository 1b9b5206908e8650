using System.Text.Json.Nodes;

namespace AiPlusTasks.Tests.Shared;

/// <summary>
/// One case of the conformance suite in <c>tests/Conformance/</c>: an Elsa 3 definition (<c>NAME.json</c>, unchanged
/// Elsa JSON) and what running it must give (<c>NAME.expected.json</c>): the input, the events raised in turn after the
/// start, how much time then passes, the final status, the lines written (an inner array lists lines that may come in any order), and optionally
/// output and variable values. The same cases run in memory (the interpreter alone) and through the HTTP API.
/// </summary>
public sealed record ConformanceCase(string Name, string DefinitionJson, JsonObject Expected)
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "Conformance");

    public JsonObject Input => Expected["input"] as JsonObject ?? [];

    public IReadOnlyList<string> Events => [.. (Expected["events"] as JsonArray ?? []).Select(e => e!.GetValue<string>())];

    /// <summary>How much time passes after the events (timers due by then fire, in due order); null when none.</summary>
    public TimeSpan? Advance => Expected["advance"]?.GetValue<string>() is { } text ? TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;

    public string Status => Expected["status"]?.GetValue<string>() ?? "Finished";

    public JsonObject? Output => Expected["output"] as JsonObject;

    public JsonObject? Variables => Expected["variables"] as JsonObject;

    /// <summary>The definition id the case's definition declares.</summary>
    public string DefinitionId => JsonNode.Parse(DefinitionJson)!["definitionId"]!.GetValue<string>();

    /// <summary>Every case, by name, for data-driven tests.</summary>
    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.expected.json").Order(StringComparer.Ordinal))
        {
            names.Add(Path.GetFileName(file)[..^".expected.json".Length]);
        }

        return names;
    }

    public static ConformanceCase Load(string name) => new(
        name,
        File.ReadAllText(Path.Combine(Folder, name + ".json")),
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".expected.json")))!.AsObject());

    /// <summary>Fails unless <paramref name="lines"/> are the expected lines (groups in any order within themselves).</summary>
    public void AssertLines(IReadOnlyList<string> lines)
    {
        var expected = Expected["lines"] as JsonArray ?? [];
        var position = 0;
        foreach (var item in expected)
        {
            string[] group = item is JsonArray any ? [.. any.Select(l => l!.GetValue<string>())] : [item!.GetValue<string>()];
            var actual = lines.Skip(position).Take(group.Length).ToArray();
            Assert.True(
                group.Order(StringComparer.Ordinal).SequenceEqual(actual.Order(StringComparer.Ordinal)),
                $"{Name}: expected lines {expected.ToJsonString()}, got [{string.Join(", ", lines)}]");
            position += group.Length;
        }

        Assert.True(position == lines.Count, $"{Name}: expected lines {expected.ToJsonString()}, got [{string.Join(", ", lines)}]");
    }

    /// <summary>Fails unless every property of <paramref name="expected"/> has the same JSON value in <paramref name="actual"/>.</summary>
    public void AssertContains(string what, JsonObject? expected, JsonObject actual)
    {
        foreach (var (key, value) in expected ?? [])
        {
            Assert.True(
                JsonNode.DeepEquals(value, actual[key]),
                $"{Name}: expected {what} '{key}' = {value?.ToJsonString()}, got {actual[key]?.ToJsonString() ?? "nothing"}");
        }
    }
}
