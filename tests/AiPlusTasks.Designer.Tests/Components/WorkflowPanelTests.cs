using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Components;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Tests.Support;
using Bunit;

namespace AiPlusTasks.Designer.Tests.Components;

public sealed class WorkflowPanelTests : DesignerContext
{
    private static GraphEditor Editor(string file) =>
        new(DesignerServices.Mapper.ToGraph(DesignerServices.ReadWorkflow(file)), DesignerServices.Catalog);

    private IRenderedComponent<WorkflowPanel> Panel(GraphEditor editor) => Render<WorkflowPanel>(p => p.Add(x => x.Editor, editor));

    [Fact]
    public void Variables_OfHelloWorld_ShowNameTypeAndInitialValue()
    {
        var cut = Panel(Editor("hello-world.json"));

        Assert.Equal("Greeting", cut.Find("#variable-name-0").GetAttribute("value"));
        Assert.Equal("String", cut.Find("#variable-type-0 option[selected]").GetAttribute("value"));
        Assert.Equal("你好，人工智能+", cut.Find("#variable-value-0").GetAttribute("value"));
    }

    [Theory]
    [InlineData("zh-CN", "文本", "[A-Za-z]")]
    [InlineData("en", "Text", "Int32|String|\\[\\]")]
    public void VariableTypes_AreOfferedInWords_WhileTheStoredValueStaysElsasTypeName(string culture, string text, string notShown)
    {
        TestCulture.Use(culture);

        var cut = Panel(Editor("hello-world.json"));

        var selected = cut.Find("#variable-type-0 option[selected]");
        Assert.Equal(("String", text), (selected.GetAttribute("value"), selected.TextContent));
        var options = cut.FindAll("#variable-type-0 option");
        Assert.Contains(options, o => o.GetAttribute("value") == "Int32");
        Assert.DoesNotContain(options, o => System.Text.RegularExpressions.Regex.IsMatch(o.TextContent, notShown));
    }

    [Fact]
    public void AddVariable_Clicked_AddsANumberedObjectVariableThatUndoRemoves()
    {
        var editor = Editor("hello-world.json");
        var cut = Panel(editor);

        cut.Find("#add-variable").Click();

        var added = editor.Graph.Variables[1];
        Assert.Equal(("Variable1", "Object"), (added.Name, added.TypeName));
        Assert.False(string.IsNullOrEmpty(added.Id));
        editor.Undo();
        Assert.Single(editor.Graph.Variables);
    }

    [Theory]
    [InlineData("", "名称不能为空")]
    [InlineData("2nd value", "不是有效的名称")]
    [InlineData("Greeting", "已被使用")]
    public void VariableName_Invalid_IsShownAndNotApplied(string name, string message)
    {
        TestCulture.Use("zh-CN");
        var editor = Editor("hello-world.json");
        editor.SetVariables([.. editor.Graph.Variables, new() { Name = "Other" }]);
        var cut = Panel(editor);

        cut.Find("#variable-name-1").Change(name);

        Assert.Contains(message, cut.Find(".name-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("Other", editor.Graph.Variables[1].Name);
    }

    [Fact]
    public void VariableEdits_NameTypeAndValue_ChangeTheGraphAndKeepTheId()
    {
        var editor = Editor("hello-world.json");
        var cut = Panel(editor);

        cut.Find("#variable-name-0").Change("Salutation");
        cut.Find("#variable-type-0").Change("Object");
        cut.Find("#variable-value-0").Change("");

        var variable = Assert.Single(editor.Graph.Variables);
        Assert.Equal(("v-greeting", "Salutation", "Object", (JsonNode?)null), (variable.Id, variable.Name, variable.TypeName, variable.Value));
        Assert.Empty(cut.FindAll(".name-error"));
    }

    [Fact]
    public void InputEdits_OfProvinceTask_ChangeOnlyTheEditedPropertiesAndKeepTheSample()
    {
        var editor = Editor("province-task.json");
        var cut = Panel(editor);
        var before = editor.Graph.Inputs.Count;

        cut.Find("#workflow-input-label-0").Change("承办单位 Agency");
        cut.Find("#workflow-input-description-0").Change("");

        var input = editor.Graph.Inputs[0];
        Assert.Equal("承办单位 Agency", (string?)input["displayName"]);
        Assert.False(input.ContainsKey("description"));
        Assert.Equal("guangdong", (string?)input["sample"]);
        Assert.Equal(before, editor.Graph.Inputs.Count);
    }

    [Fact]
    public void Inputs_AddedRenamedAndRemoved_GoThroughTheEditor()
    {
        var editor = Editor("hello-world.json");
        var cut = Panel(editor);

        cut.Find("#add-workflow-input").Click();
        cut.Find("#workflow-input-name-0").Change("agency");
        cut.Find("#workflow-input-type-0").Change("String[]");

        Assert.True(JsonNode.DeepEquals(new JsonObject { ["name"] = "agency", ["type"] = "String[]" }, Assert.Single(editor.Graph.Inputs)));

        cut.Find("#remove-workflow-input-0").Click();
        Assert.Empty(editor.Graph.Inputs);
        editor.Undo();
        Assert.Single(editor.Graph.Inputs);
    }
}
