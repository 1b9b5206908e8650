using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Instances;
using AiPlusTasks.Designer.Tests.Support;

namespace AiPlusTasks.Designer.Tests.Instances;

public sealed class WorkflowInputFormTests
{
    [Fact]
    public void Fields_RiskWarningInputs_OneFieldPerInputWithItsLabelKindAndSample()
    {
        var form = new WorkflowInputForm(DesignerServices.ReadWorkflow("risk-warning.json").Inputs);

        var level = form.Fields.Single(f => f.Name == "level");
        var agencies = form.Fields.Single(f => f.Name == "agencies");

        Assert.Equal("预警级别", level.Label);
        Assert.Equal(WorkflowInputKind.Text, level.Kind);
        Assert.Equal("red", level.Sample);
        Assert.Equal(WorkflowInputKind.Json, agencies.Kind);
        Assert.StartsWith("[", agencies.Sample, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FieldsOfEachKind_SendsTypedValuesAndLeavesBlanksOut()
    {
        var form = new WorkflowInputForm(
        [
            new JsonObject { ["name"] = "title", ["type"] = "String" },
            new JsonObject { ["name"] = "count", ["type"] = "Int32" },
            new JsonObject { ["name"] = "urgent", ["type"] = "Boolean" },
            new JsonObject { ["name"] = "agencies", ["type"] = "String", ["isArray"] = true },
            new JsonObject { ["name"] = "note", ["type"] = "String" },
        ]);
        form.Values["title"] = "数据报送";
        form.Values["count"] = "3";
        form.Values["urgent"] = "true";
        form.Values["agencies"] = "[\"guangdong\"]";
        form.Values["note"] = "  ";

        var (input, problems) = form.Build();

        Assert.Empty(problems);
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["title"] = "数据报送", ["count"] = 3.0, ["urgent"] = true, ["agencies"] = new JsonArray("guangdong") },
            input));
    }

    [Fact]
    public void Build_BadNumberAndBadJsonField_ReportsBothFields()
    {
        var form = new WorkflowInputForm(
        [
            new JsonObject { ["name"] = "count", ["type"] = "Int32" },
            new JsonObject { ["name"] = "data", ["type"] = "Object" },
        ]);
        form.Values["count"] = "three";
        form.Values["data"] = "{\n\"a\": }";

        var (input, problems) = form.Build();

        Assert.Null(input);
        Assert.Equal(
            [("count", WorkflowInputProblemKind.NotANumber, 0L), ("data", WorkflowInputProblemKind.InvalidJson, 2L)],
            problems.Select(p => (p.Field!, p.Kind, p.Line)));
    }

    [Fact]
    public void Build_NoDeclaredInputsAndMalformedJson_NamesTheLine()
    {
        var form = new WorkflowInputForm([]) { Json = "{\n  \"note\": oops\n}" };

        var (input, problems) = form.Build();

        Assert.Null(input);
        var problem = Assert.Single(problems);
        Assert.Equal((null, WorkflowInputProblemKind.InvalidJson, 2L), (problem.Field, problem.Kind, problem.Line));
        Assert.DoesNotContain("Path:", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", false)]
    [InlineData("{\"note\": \"x\"}", true)]
    [InlineData("", true)]
    public void Build_NoDeclaredInputs_AcceptsOnlyAnObjectOrNothing(string json, bool accepted)
    {
        var form = new WorkflowInputForm([]) { Json = json };

        var (input, problems) = form.Build();

        Assert.Equal(accepted, input is not null);
        Assert.Equal(accepted ? [] : [WorkflowInputProblemKind.NotAnObject], problems.Select(p => p.Kind));
    }
}
