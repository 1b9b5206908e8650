using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Instances;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Designer.Tests.Instances;

public sealed class TaskFormTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.FromHours(8));

    private static JsonNode Schema(string json) => JsonNode.Parse(json)!;

    [Fact]
    public void Sample_EachTypeAndFormat_IsPlausibleAndWithinTheSchemasLimits()
    {
        TestCulture.Use("zh-CN");
        var form = new TaskForm(Schema("""
            {"type":"object","properties":{
              "summary":{"type":"string","title":"完成情况"},
              "code":{"type":"string","minLength":30,"maxLength":40},
              "short":{"type":"string","maxLength":4},
              "due":{"type":"string","format":"date-time"},
              "day":{"type":"string","format":"date"},
              "mail":{"type":"string","format":"email"},
              "link":{"type":"string","format":"uri"},
              "percent":{"type":"integer","minimum":0,"maximum":100},
              "count":{"type":"integer","exclusiveMinimum":2},
              "share":{"type":"number","minimum":0,"maximum":1},
              "ready":{"type":"boolean"},
              "colour":{"type":"string","enum":["Green","Yellow","Red"]},
              "level":{"type":"integer","default":3},
              "kind":{"const":"report"},
              "optionalNote":{"type":["null","string"],"title":"备注"},
              "tags":{"type":"array","items":{"type":"string","enum":["a","b"]}},
              "actuals":{"type":"object","properties":{"value":{"type":"number"}}}
            }}
            """), null, Now);

        var values = form.Values;
        Assert.Equal("试运行示例：完成情况", values["summary"]);
        Assert.InRange(values["code"].Length, 30, 40);
        Assert.Equal(4, values["short"].Length);
        Assert.Equal("2026-03-11T12:00:00+08:00", values["due"]);
        Assert.Equal("2026-03-11", values["day"]);
        Assert.Contains("@", values["mail"], StringComparison.Ordinal);
        Assert.StartsWith("https://", values["link"], StringComparison.Ordinal);
        Assert.Equal("50", values["percent"]);
        Assert.Equal("3", values["count"]);
        Assert.Equal("0.5", values["share"]);
        Assert.Equal("true", values["ready"]);
        Assert.Equal("Green", values["colour"]);
        Assert.Equal("3", values["level"]);
        Assert.Equal("report", values["kind"]);
        Assert.Equal("试运行示例：备注", values["optionalNote"]);
        Assert.Equal("""["a"]""", values["tags"]);
        Assert.Equal("""{"value":1}""", values["actuals"]);
        var (data, problems) = form.Build();
        Assert.Empty(problems);
        Assert.Equal(50, data!["percent"]!.GetValue<long>());
    }

    [Fact]
    public void Fields_ProvinceReportSchema_KindsLabelsRequiredAndChoices()
    {
        var report = DesignerServices.ReadWorkflow("province-task.json").AllActivities().Single(a => a.Id == "report1");
        var schema = JsonNode.Parse(report.GetInput("schema")!.Value!.GetValue<string>());

        var form = new TaskForm(schema, null, Now);

        var progress = form.Fields.Single(f => f.Name == "progressPercent");
        Assert.Equal(("总体进度（%）", TaskFormFieldKind.Number, true, true), (progress.Label, progress.Kind, progress.Required, progress.IsInteger));
        var colour = form.Fields.Single(f => f.Name == "selfColour");
        Assert.Equal(TaskFormFieldKind.Choice, colour.Kind);
        Assert.Equal(["Green", "Blue", "Yellow", "Red"], colour.Options);
        Assert.Equal(TaskFormFieldKind.LongText, form.Fields.Single(f => f.Name == "done").Kind);
        var evidence = form.Fields.Single(f => f.Name == "evidence");
        Assert.Equal((TaskFormFieldKind.Files, false), (evidence.Kind, evidence.Required));
        Assert.StartsWith("[{", form.Values["evidence"], StringComparison.Ordinal);
    }

    [Fact]
    public void Prefill_GivenValues_WinOverTheSamples()
    {
        var form = new TaskForm(
            Schema("""{"properties":{"progress":{"type":"integer"},"note":{"type":"string"},"flags":{"type":"object"}}}"""),
            new JsonObject { ["progress"] = 80, ["flags"] = new JsonObject { ["late"] = true } },
            Now);

        Assert.Equal("80", form.Values["progress"]);
        Assert.Equal("""{"late":true}""", form.Values["flags"]);
        Assert.NotEmpty(form.Values["note"]);
    }

    [Fact]
    public void Build_EnteredText_IsTypedPerFieldAndBlanksAreLeftOut()
    {
        var form = new TaskForm(Schema("""
            {"required":["name"],"properties":{
              "name":{"type":"string"},"count":{"type":"integer"},"share":{"type":"number"},"ready":{"type":"boolean"},
              "level":{"enum":[1,2,3]},"extra":{"type":"object"},"note":{"type":"string"}}}
            """), null, Now);
        form.Values["count"] = "4";
        form.Values["share"] = "0.25";
        form.Values["ready"] = "false";
        form.Values["level"] = "2";
        form.Values["extra"] = """{"a":1}""";
        form.Values["note"] = " ";

        var (data, problems) = form.Build();

        Assert.Empty(problems);
        Assert.Equal(
            """{"name":"试运行示例：name","count":4,"share":0.25,"ready":false,"level":2,"extra":{"a":1}}""".Replace("试运行示例：name", form.Values["name"], StringComparison.Ordinal),
            data!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal(2, data["level"]!.GetValue<int>());
    }

    [Fact]
    public void Build_RequiredBlankBadNumberAndBadJson_ReportsEveryProblemByField()
    {
        var form = new TaskForm(Schema("""
            {"required":["name"],"properties":{"name":{"type":"string"},"count":{"type":"integer"},"extra":{"type":"object"}}}
            """), null, Now);
        form.Values["name"] = "";
        form.Values["count"] = "many";
        form.Values["extra"] = "{\n oops";

        var (data, problems) = form.Build();

        Assert.Null(data);
        Assert.Equal(
            [("name", WorkflowInputProblemKind.Required), ("count", WorkflowInputProblemKind.NotANumber), ("extra", WorkflowInputProblemKind.InvalidJson)],
            problems.Select(p => (p.Field!, p.Kind)));
        Assert.Equal(2, problems[2].Line);
    }

    [Fact]
    public void Form_NoSchema_HasNoFieldsAndGivesAnEmptyObject()
    {
        var form = new TaskForm(null, null, Now);

        var (data, problems) = form.Build();

        Assert.Empty(form.Fields);
        Assert.Empty(problems);
        Assert.Equal("{}", data!.ToJsonString());
    }
}
