using System.Text.Json.Nodes;
using AiPlusTasks.Cli.Definitions;

namespace AiPlusTasks.Cli.Tests.Definitions;

/// <summary>The diff in words between two definitions in normal form, from the repository's hello-world.</summary>
public sealed class DefinitionDiffTests
{
    private static readonly string HelloWorld = File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, "hello-world.json"));

    private static JsonObject Normal(Action<JsonObject>? edit = null)
    {
        var json = JsonNode.Parse(HelloWorld)!.AsObject();
        edit?.Invoke(json);
        return DefinitionText.Normalize(json.ToJsonString(), "hello-world.json");
    }

    private static JsonArray Activities(JsonObject definition) => definition["root"]!["activities"]!.AsArray();

    private static JsonArray Connections(JsonObject definition) => definition["root"]!["connections"]!.AsArray();

    [Fact]
    public void Between_NoServerCopy_IsNewWithItsStepCount()
    {
        var diff = DefinitionDiff.Between(Normal(), server: null);

        Assert.Equal(DefinitionChangeKind.New, diff.Kind);
        Assert.Equal(["new definition with 4 steps"], diff.Lines);
    }

    [Fact]
    public void Between_OnlyServerStampsAndFormattingDiffer_IsUnchanged()
    {
        var server = Normal(d =>
        {
            d["id"] = "another-version-id";
            d["version"] = 7;
            d["isPublished"] = true;
        });

        var diff = DefinitionDiff.Between(Normal(), server);

        Assert.Equal(DefinitionChangeKind.Unchanged, diff.Kind);
        Assert.Empty(diff.Lines);
    }

    [Fact]
    public void Between_StepAddedAndRewired_NamesTheStepAndTheConnections()
    {
        var local = Normal(d =>
        {
            Activities(d).Add(new JsonObject { ["id"] = "log2", ["type"] = "Elsa.WriteLine", ["name"] = "记录" });
            Connections(d).RemoveAt(2);
            Connections(d).Add(new JsonObject { ["source"] = new JsonObject { ["activity"] = "setOutput1", ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = "log2", ["port"] = "In" } });
        });

        var diff = DefinitionDiff.Between(local, Normal());

        Assert.Equal(DefinitionChangeKind.Changed, diff.Kind);
        Assert.Equal(
            [
                "step 记录 (log2) added (Elsa.WriteLine)",
                "connection removed: 回答 (setOutput1) [Done] → 结束 (end1) [In]",
                "connection added: 回答 (setOutput1) [Done] → 记录 (log2) [In]",
            ],
            diff.Lines);
    }

    [Fact]
    public void Between_PropertyVariableInputAndLayoutChanged_SaysEachInWords()
    {
        var local = Normal(d =>
        {
            Activities(d)[1]!["text"]!["expression"]!["value"] = "Farewell";
            Activities(d)[3]!["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 900, ["y"] = 0 } } };
            d["variables"]!.AsArray().Clear();
            d["inputs"]!.AsArray().Add(new JsonObject { ["name"] = "who", ["type"] = "String" });
            d["name"] = "你好";
        });

        var diff = DefinitionDiff.Between(local, Normal());

        Assert.Equal(
            [
                "name: \"你好，世界\" → \"你好\"",
                "variable Greeting removed",
                "input who added",
                "step 问候 (writeLine1): text {\"typeName\":\"String\",\"expression\":{\"type\":\"Variable\",\"value\":\"Greeting\"}} → {\"typeName\":\"String\",\"expression\":{\"type\":\"Variable\",\"value\":\"Farewell\"}}",
                "step 结束 (end1): moved or restyled in the designer",
            ],
            diff.Lines);
    }
}
