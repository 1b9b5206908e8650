using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Instances;
using AiPlusTasks.Designer.Tests.Support;

namespace AiPlusTasks.Designer.Tests.Instances;

public sealed class WorkflowInputFormTests
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void Fields_NationalKeyTaskInputs_PickersFromTheirUiHints()
    {
        var fields = new WorkflowInputForm(DesignerServices.ReadWorkflow("national-key-task.json").Inputs, China).Fields.ToDictionary(f => f.Name);

        Assert.Equal((WorkflowInputKind.Agency, AgencyScope.Ministries), (fields["leadAgency"].Kind, fields["leadAgency"].Scope));
        Assert.Equal((WorkflowInputKind.Agencies, AgencyScope.Ministries, false), (fields["coAgencies"].Kind, fields["coAgencies"].Scope, fields["coAgencies"].AllWhenEmpty));
        Assert.Equal((WorkflowInputKind.Agencies, AgencyScope.Provinces, true), (fields["provinces"].Kind, fields["provinces"].Scope, fields["provinces"].AllWhenEmpty));
        Assert.Equal(WorkflowInputKind.Plan, fields["planId"].Kind);
        Assert.Equal("ai-plus-2025-2027", fields["planId"].Sample);
        Assert.Equal(WorkflowInputKind.Pillar, fields["pillar"].Kind);
        Assert.Equal(WorkflowInputKind.DateTime, fields["dueAt"].Kind);
        Assert.Equal(WorkflowInputKind.YesNo, fields["moveOffNonWorkingDays"].Kind);
        Assert.Equal(WorkflowInputKind.Text, fields["title"].Kind);
        Assert.Equal(WorkflowInputKind.Choice, fields["dayCount"].Kind);
        Assert.Equal([("working", "按工作日"), ("calendar", "按自然日")], fields["dayCount"].Options!.Select(o => (o.Value, o.Text)));
    }

    [Fact]
    public void Build_PickedAgenciesPlanPillarAndChinaTime_SendsCodesAndTheUtcInstant()
    {
        var form = new WorkflowInputForm(DesignerServices.ReadWorkflow("national-key-task.json").Inputs, China);
        form.Values["title"] = "人工智能+制造";
        form.Values["leadAgency"] = "miit";
        form.Values["coAgencies"] = "most,nda";
        form.Values["provinces"] = "";
        form.Values["planId"] = "ai-plus-2025-2027";
        form.Values["pillar"] = "action.industry.manufacturing";
        form.Values["dueAt"] = "2027-07-01T00:00";

        var (input, problems) = form.Build();

        Assert.Empty(problems);
        Assert.True(JsonNode.DeepEquals(
            new JsonObject
            {
                ["title"] = "人工智能+制造",
                ["pillar"] = "action.industry.manufacturing",
                ["leadAgency"] = "miit",
                ["coAgencies"] = new JsonArray("most", "nda"),
                ["dueAt"] = "2027-06-30T16:00:00Z",
                ["planId"] = "ai-plus-2025-2027",
            },
            input), input?.ToJsonString());
    }

    [Fact]
    public void Build_DateTimeThatIsNoDate_ReportsTheField()
    {
        var form = new WorkflowInputForm([new JsonObject { ["name"] = "dueAt", ["type"] = "String", ["uiHint"] = "datetime-picker" }], China);
        form.Values["dueAt"] = "P30D";

        var (input, problems) = form.Build();

        Assert.Null(input);
        Assert.Equal(new WorkflowInputProblem("dueAt", WorkflowInputProblemKind.NotADateTime), Assert.Single(problems));
    }

    [Fact]
    public void SampleValue_NationalKeyTask_AgenciesAsCodesAndTheDueDateOnChinasClock()
    {
        var form = new WorkflowInputForm(DesignerServices.ReadWorkflow("national-key-task.json").Inputs, China);
        var fields = form.Fields.ToDictionary(f => f.Name);

        Assert.Equal("most,nda", form.SampleValue(fields["coAgencies"]));
        Assert.Equal("2026-07-01T00:00", form.SampleValue(fields["dueAt"]));
        Assert.Equal("miit", form.SampleValue(fields["leadAgency"]));
    }

    [Theory]
    [InlineData("2027-07-01T00:00", "2027-06-30", "24:00")]
    [InlineData("2027-06-30T17:30", "2027-06-30", "17:30")]
    public void WallClockTime_AsDeadline_MidnightIsTheEndOfTheDayBefore(string picked, string day, string time)
    {
        var wallClock = WallClockTime.Parse(picked, China)!;

        Assert.Equal((DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), time), wallClock.AsDeadline());
    }

    [Fact]
    public void Fields_RiskWarningInputs_OneFieldPerInputWithItsLabelKindAndSample()
    {
        var form = new WorkflowInputForm(DesignerServices.ReadWorkflow("risk-warning.json").Inputs, China);

        var level = form.Fields.Single(f => f.Name == "level");
        var agencies = form.Fields.Single(f => f.Name == "agencies");

        Assert.Equal("预警级别", level.Label);
        Assert.Equal(WorkflowInputKind.Text, level.Kind);
        Assert.Equal("red", level.Sample);
        Assert.Equal(WorkflowInputKind.Agencies, agencies.Kind);
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
        ], China);
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
        ], China);
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
        var form = new WorkflowInputForm([], China) { Json = "{\n  \"note\": oops\n}" };

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
        var form = new WorkflowInputForm([], China) { Json = json };

        var (input, problems) = form.Build();

        Assert.Equal(accepted, input is not null);
        Assert.Equal(accepted ? [] : [WorkflowInputProblemKind.NotAnObject], problems.Select(p => p.Kind));
    }
}
