using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Designer.Versions;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Tests.Versions;

public sealed class DefinitionComparisonTests
{
    // Start —Done→ 人工任务 (task1, title "A"), one variable and one workflow input.
    private const string Base = """
        {"id":"review-v1","definitionId":"review","name":"评审","description":"季度评审","version":1,
         "variables":[{"id":"v1","name":"Count","typeName":"Int32","value":"0"}],
         "inputs":[{"name":"agency","type":"String","displayName":"承办单位"}],
         "outputs":[],
         "root":{"id":"flowchart1","type":"Elsa.Flowchart","version":1,
          "activities":[
           {"id":"start1","type":"Elsa.Start","version":1,"name":"Start","metadata":{"designer":{"position":{"x":0,"y":0}}}},
           {"id":"task1","type":"AiPlus.HumanTask","version":1,"name":"人工任务",
            "title":{"typeName":"String","expression":{"type":"Literal","value":"A"}},
            "metadata":{"designer":{"position":{"x":240,"y":0}}}}],
          "connections":[{"source":{"activity":"start1","port":"Done"},"target":{"activity":"task1","port":"In"}}]}}
        """;

    private static WorkflowDefinition Read(string json) => WorkflowDefinitionJson.Read(json, "test");

    private static WorkflowDefinition Modified(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(Base)!.AsObject();
        json["version"] = 2;
        change(json);
        return Read(json.ToJsonString());
    }

    private static JsonArray ActivitiesOf(JsonObject json) => json["root"]!["activities"]!.AsArray();

    private static JsonObject Task(JsonObject json) => ActivitiesOf(json)[1]!.AsObject();

    private static VersionChange Single(WorkflowDefinition after) =>
        Assert.Single(DefinitionComparison.Compare(Read(Base), after).Changes);

    [Fact]
    public void Compare_IdenticalVersions_NoDifferences()
    {
        var comparison = DefinitionComparison.Compare(Read(Base), Read(Base));

        Assert.True(comparison.IsEmpty);
    }

    [Fact]
    public void Compare_SameWorkflowFileTwice_NoDifferences()
    {
        var comparison = DefinitionComparison.Compare(DesignerServices.ReadWorkflow("province-task.json"), DesignerServices.ReadWorkflow("province-task.json"));

        Assert.Empty(comparison.Changes);
    }

    [Fact]
    public void Compare_OnlyVersionNumberAndFlagsDiffer_NoDifferences()
    {
        var after = Modified(j =>
        {
            j["id"] = "review-v2";
            j["isPublished"] = true;
        });

        var comparison = DefinitionComparison.Compare(Read(Base), after);

        Assert.True(comparison.IsEmpty);
        Assert.Equal((1, 2), (comparison.FromVersion, comparison.ToVersion));
    }

    [Fact]
    public void Compare_NameChanged_ReportsBeforeAndAfter()
    {
        var change = Single(Modified(j => j["name"] = "年度评审"));

        Assert.Equal(new VersionChange(ChangeKind.NameChanged, "review", "评审", "年度评审"), change);
    }

    [Fact]
    public void Compare_DescriptionRemoved_ReportsBeforeAndNull()
    {
        var change = Single(Modified(j => j.Remove("description")));

        Assert.Equal(new VersionChange(ChangeKind.DescriptionChanged, "review", "季度评审", null), change);
    }

    [Fact]
    public void Compare_ActivityAdded_ReportsItsNameAndType()
    {
        var changes = DefinitionComparison.Compare(Read(Base), Modified(j =>
            ActivitiesOf(j).Add(new JsonObject { ["id"] = "end1", ["type"] = "Elsa.End", ["name"] = "End" }))).Changes;

        Assert.Equal([new VersionChange(ChangeKind.ActivityAdded, "End", After: "Elsa.End")], changes);
    }

    [Fact]
    public void Compare_ActivityWithoutNameRemoved_ReportsItsIdAndItsConnection()
    {
        var after = Modified(j =>
        {
            ActivitiesOf(j).RemoveAt(1);
            j["root"]!["connections"] = new JsonArray();
        });
        var before = Modified(j => Task(j).Remove("name"));

        var changes = DefinitionComparison.Compare(before, after).Changes;

        Assert.Equal(
            [
                new VersionChange(ChangeKind.ActivityRemoved, "task1", Before: "AiPlus.HumanTask"),
                new VersionChange(ChangeKind.ConnectionRemoved, "Start —Done→ task1"),
            ],
            changes);
    }

    [Fact]
    public void Compare_ActivityRenamed_ReportsIdWithOldAndNewName()
    {
        var change = Single(Modified(j => Task(j)["name"] = "上报材料"));

        Assert.Equal(new VersionChange(ChangeKind.ActivityRenamed, "task1", "人工任务", "上报材料"), change);
    }

    [Fact]
    public void Compare_ActivityTypeChanged_ReportsBothTypes()
    {
        var change = Single(Modified(j => Task(j)["type"] = "Elsa.WriteLine"));

        Assert.Equal(new VersionChange(ChangeKind.ActivityTypeChanged, "人工任务", "AiPlus.HumanTask", "Elsa.WriteLine"), change);
    }

    [Fact]
    public void Compare_OnlyPositionChanged_ReportsMoved()
    {
        var change = Single(Modified(j => Task(j)["metadata"]!["designer"]!["position"]!["y"] = 120));

        Assert.Equal(new VersionChange(ChangeKind.ActivityMoved, "人工任务", "(240, 0)", "(240, 120)"), change);
    }

    [Fact]
    public void Compare_RenamedAndMoved_MoveNotReported()
    {
        var change = Single(Modified(j =>
        {
            Task(j)["name"] = "上报材料";
            Task(j)["metadata"]!["designer"]!["position"]!["y"] = 120;
        }));

        Assert.Equal(ChangeKind.ActivityRenamed, change.Kind);
    }

    [Fact]
    public void Compare_LiteralInputChanged_ReportsValues()
    {
        var change = Single(Modified(j => Task(j)["title"]!["expression"]!["value"] = "B"));

        Assert.Equal(new VersionChange(ChangeKind.InputChanged, "人工任务", "A", "B", "title"), change);
    }

    [Fact]
    public void Compare_InputBecomesJavaScript_ReportsCodeWithJsPrefix()
    {
        var change = Single(Modified(j => Task(j)["title"] = new JsonObject
        {
            ["typeName"] = "String",
            ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getInput('agency')" },
        }));

        Assert.Equal(new VersionChange(ChangeKind.InputChanged, "人工任务", "A", "js: getInput('agency')", "title"), change);
    }

    [Fact]
    public void Compare_InputAdded_ReportsNullBeforeAndVariableAfter()
    {
        var change = Single(Modified(j => Task(j)["description"] = new JsonObject
        {
            ["typeName"] = "String",
            ["expression"] = new JsonObject { ["type"] = "Variable", ["value"] = "Count" },
        }));

        Assert.Equal(new VersionChange(ChangeKind.InputChanged, "人工任务", null, "variable: Count", "description"), change);
    }

    [Fact]
    public void Compare_ConnectionPortChanged_ReportsRemovedAndAddedReadably()
    {
        var changes = DefinitionComparison.Compare(Read(Base), Modified(j => j["root"]!["connections"]![0]!["source"]!["port"] = "Next")).Changes;

        Assert.Equal(
            [
                new VersionChange(ChangeKind.ConnectionAdded, "Start —Next→ 人工任务"),
                new VersionChange(ChangeKind.ConnectionRemoved, "Start —Done→ 人工任务"),
            ],
            changes);
    }

    [Fact]
    public void Compare_Variables_ReportsAddedRemovedAndChanged()
    {
        var after = Modified(j => j["variables"] = new JsonArray(
            new JsonObject { ["id"] = "v1", ["name"] = "Count", ["typeName"] = "Int32", ["value"] = "3" },
            new JsonObject { ["id"] = "v2", ["name"] = "Reason", ["typeName"] = "String" }));
        var before = Modified(j => j["variables"]!.AsArray().Add(new JsonObject { ["id"] = "v3", ["name"] = "Old", ["typeName"] = "Boolean", ["value"] = "true" }));

        var changes = DefinitionComparison.Compare(before, after).Changes;

        Assert.Equal(
            [
                new VersionChange(ChangeKind.VariableAdded, "Reason", After: "String"),
                new VersionChange(ChangeKind.VariableRemoved, "Old", Before: "Boolean = true"),
                new VersionChange(ChangeKind.VariableChanged, "Count", "Int32 = 0", "Int32 = 3"),
            ],
            changes);
    }

    [Fact]
    public void Compare_WorkflowInputs_ReportsAddedRemovedAndOnlyTheChangedFields()
    {
        var before = Modified(j => j["inputs"]!.AsArray().Add(new JsonObject { ["name"] = "old", ["type"] = "Int32" }));
        var after = Modified(j => j["inputs"] = new JsonArray(
            new JsonObject { ["name"] = "agency", ["type"] = "String", ["displayName"] = "承办省份" },
            new JsonObject { ["name"] = "title", ["type"] = "String" }));

        var changes = DefinitionComparison.Compare(before, after).Changes;

        Assert.Equal(
            [
                new VersionChange(ChangeKind.WorkflowInputAdded, "title", After: "type: String"),
                new VersionChange(ChangeKind.WorkflowInputRemoved, "old", Before: "type: Int32"),
                new VersionChange(ChangeKind.WorkflowInputChanged, "agency", "displayName: 承办单位", "displayName: 承办省份"),
            ],
            changes);
    }

    [Fact]
    public void Compare_DifferentDefinitions_Throws()
    {
        var other = Modified(j => j["definitionId"] = "other");

        Assert.Throws<ArgumentException>(() => DefinitionComparison.Compare(Read(Base), other));
    }

    [Fact]
    public void Compare_WorkflowFileWithEditedCopy_ReportsExactlyTheEdits()
    {
        var file = Path.Combine(RepositoryPaths.Workflows, "hello-world.json");
        var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var activities = json["root"]!["activities"]!.AsArray();
        activities[1]!["name"] = "致意";
        activities[2]!["outputName"]!["expression"]!["value"] = "reply";
        activities[3]!["metadata"]!["designer"]!["position"]!["x"] = 960;
        var firstConnection = json["root"]!["connections"]![0]!;
        json["root"]!["connections"]!.AsArray().Remove(firstConnection);

        var comparison = DefinitionComparison.Compare(DesignerServices.ReadWorkflow("hello-world.json"), WorkflowDefinitionJson.Read(json.ToJsonString(), "copy"));

        Assert.Equal(
            [
                new VersionChange(ChangeKind.ActivityRenamed, "writeLine1", "问候", "致意"),
                new VersionChange(ChangeKind.ActivityMoved, "结束", "(720, 0)", "(960, 0)"),
                new VersionChange(ChangeKind.InputChanged, "回答", "greeting", "reply", "outputName"),
                new VersionChange(ChangeKind.ConnectionRemoved, "开始 —Done→ 问候"),
            ],
            comparison.Changes);
    }

    [Theory]
    [InlineData("""{"typeName":"String","expression":{"type":"Literal","value":"staff"}}""", "staff")]
    [InlineData("""{"typeName":"String","expression":{"type":"JavaScript","value":"1 + 1"}}""", "js: 1 + 1")]
    [InlineData("""{"typeName":"Object","expression":{"type":"Object","value":"{\"a\":1}"}}""", "object: {\"a\":1}")]
    [InlineData("""{"typeName":"String","expression":{"type":"Input","value":"agency"}}""", "input: agency")]
    [InlineData("42", "42")]
    public void ExpressionText_EachExpressionType_IsReadable(string input, string expected)
    {
        Assert.Equal(expected, DefinitionComparison.ExpressionText(JsonNode.Parse(input)));
    }
}
