using System.Text.Json.Nodes;
using AiPlusTasks.Web.Components;
using Bunit;

namespace AiPlusTasks.Web.Tests.Components;

public sealed class SchemaFormTests : WebContext
{
    private static readonly JsonNode Schema = JsonNode.Parse("""
        {
          "type": "object",
          "required": ["measures", "progress"],
          "properties": {
            "measures": { "type": "string", "title": "细化举措" },
            "code": { "type": "string", "title": "编号", "maxLength": 20 },
            "progress": { "type": "integer", "title": "进度", "minimum": 0, "maximum": 100 },
            "onTrack": { "type": "boolean", "title": "按期" },
            "level": { "type": "string", "title": "级别", "enum": ["省级", "市级"] }
          }
        }
        """)!;

    private IRenderedComponent<SchemaForm> RenderForm(JsonNode? schema, JsonNode? prefill = null, IReadOnlyDictionary<string, string[]>? errors = null) =>
        Render<SchemaForm>(p => p.Add(c => c.Schema, schema).Add(c => c.Prefill, prefill).Add(c => c.Errors, errors));

    [Fact]
    public void Render_Schema_OneLabelledFieldPerPropertyOfTheRightKind()
    {
        var cut = RenderForm(Schema);

        Assert.Equal(["measures", "code", "progress", "onTrack", "level"], cut.FindAll("[data-field]").Select(f => f.GetAttribute("data-field")));
        Assert.Equal("细化举措 *", cut.Find("label[for=field-measures]").TextContent);
        Assert.Equal("TEXTAREA", cut.Find("#field-measures").TagName);
        Assert.Equal("text", cut.Find("#field-code").GetAttribute("type") ?? "text");
        Assert.Equal("number", cut.Find("#field-progress").GetAttribute("type"));
        Assert.Equal("checkbox", cut.Find("#field-onTrack").GetAttribute("type"));
        Assert.Equal(["", "省级", "市级"], cut.FindAll("#field-level option").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public void Value_AfterInput_IsTheCompletionData()
    {
        var cut = RenderForm(Schema, JsonNode.Parse("""{ "code": "GD-1" }"""));

        cut.Find("#field-measures").Change("建设算力中心");
        cut.Find("#field-progress").Change("40");
        cut.Find("#field-onTrack").Change(true);
        cut.Find("#field-level").Change("省级");

        var value = cut.Instance.Value();
        Assert.Equal("建设算力中心", value["measures"]!.GetValue<string>());
        Assert.Equal(40, value["progress"]!.GetValue<double>());
        Assert.True(value["onTrack"]!.GetValue<bool>());
        Assert.Equal("省级", value["level"]!.GetValue<string>());
        Assert.Equal("GD-1", value["code"]!.GetValue<string>());
    }

    [Fact]
    public void Value_PrefillWithNullsAndEmptiedFields_LeavesThemOut()
    {
        var cut = RenderForm(Schema, JsonNode.Parse("""{ "code": null, "measures": "旧举措" }"""));

        cut.Find("#field-measures").Change("");

        Assert.Empty(cut.Instance.Value());
    }

    [Fact]
    public void Render_NewErrorsForTheSameTask_KeepWhatWasTyped()
    {
        var cut = RenderForm(Schema);
        cut.Find("#field-measures").Change("建设算力中心");

        cut.Render(p => p.Add(c => c.Errors, new Dictionary<string, string[]> { ["data/progress"] = ["is required"] }));

        Assert.Equal("建设算力中心", cut.Instance.Value()["measures"]!.GetValue<string>());
        Assert.Equal("is required", cut.Find("[data-field=progress] .field-error").TextContent);
    }

    [Fact]
    public void Render_Errors_ShownUnderTheirField()
    {
        var cut = RenderForm(Schema, errors: new Dictionary<string, string[]> { ["data/progress"] = ["must be at most 100"] });

        Assert.Equal("must be at most 100", cut.Find("[data-field=progress] .field-error").TextContent);
        Assert.Single(cut.FindAll(".field-error"));
    }

    [Fact]
    public void Render_NoSchema_SaysThereIsNothingToFillIn()
    {
        UseCulture("zh-CN");

        var cut = RenderForm(null);

        Assert.Equal("此任务没有需要填写的内容。", cut.Find("#schema-form-empty").TextContent);
    }

    [Fact]
    public void Render_PrefillWithMarkup_IsText()
    {
        var cut = RenderForm(Schema, JsonNode.Parse("""{ "measures": "<script>alert(1)</script>" }"""));

        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("&lt;script&gt;", cut.Find("#field-measures").InnerHtml, StringComparison.Ordinal);
    }
}
