using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Activities;
using AiPlusTasks.Designer.Components;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Workflows.Definitions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Designer.Tests.Components;

/// <summary>Workflow definitions usable as activities in the palette and the property panel, as Elsa Studio offers them.</summary>
public sealed class DefinitionActivityPaletteTests : DesignerContext
{
    private readonly ActivityCatalog _catalog;

    public DefinitionActivityPaletteTests()
    {
        var types = new DefinitionActivityTypes();
        types.Replace(
        [
            Version("review", "Review", 1, isPublished: true, usable: true),
            Version("drafted", "Drafted", 1, isPublished: false, usable: true),
            Version("plain", "Plain", 1, isPublished: true, usable: false),
        ]);
        _catalog = new ActivityCatalog(DesignerServices.Catalog.All, types);
        Services.AddSingleton(_catalog);
    }

    [Theory]
    [InlineData("zh-CN", "工作流")]
    [InlineData("en", "Workflows")]
    public void Render_PublishedDefinitionUsableAsActivity_IsListedUnderWorkflows(string culture, string group)
    {
        TestCulture.Use(culture);

        var cut = Render<Palette>();

        var workflows = cut.Find("[data-group=workflows]");
        Assert.Equal(group, workflows.QuerySelector(".palette-group-name")!.TextContent.Trim());
        var item = Assert.Single(workflows.QuerySelectorAll(".palette-item"));
        Assert.Equal("Review", item.GetAttribute("data-type"));
        Assert.Equal("Review", item.TextContent.Trim());
        Assert.Equal(["integration", "workflows"], cut.FindAll(".palette-group").TakeLast(2).Select(g => g.GetAttribute("data-group")));
    }

    [Fact]
    public void Render_DraftOnlyOrNotUsableDefinitions_AreNotListed()
    {
        var cut = Render<Palette>();

        Assert.Empty(cut.FindAll("[data-type='Drafted'], [data-type='Plain']"));
    }

    [Fact]
    public void AddNode_DefinitionType_WritesElsasReferenceAndRunsThePublishedVersion()
    {
        var node = new GraphEditor(new DesignerGraph([], [], "flowchart1"), _catalog).AddNode("Review");

        Assert.Equal("review", node.GetProperty("workflowDefinitionId")!.GetValue<string>());
        Assert.Equal("review-v1", node.GetProperty("workflowDefinitionVersionId")!.GetValue<string>());
        Assert.Equal(1, node.GetProperty("latestAvailablePublishedVersion")!.GetValue<int>());
        Assert.Equal("Published", node.GetProperty("versionOptions")!["expression"]!["value"]!.GetValue<string>());
        Assert.Equal(["Approved", "Rejected", "Done"], node.Ports);
    }

    [Fact]
    public void PropertyPanel_DefinitionType_ShowsTheVersionChoiceAndTheDefinitionsInputs()
    {
        TestCulture.Use("zh-CN");
        var node = new GraphEditor(new DesignerGraph([], [], "flowchart1"), _catalog).AddNode("Review");

        var cut = Render<PropertyPanel>(p => p.Add(x => x.Node, node).Add(x => x.Variables, []));

        Assert.Equal(["versionOptions", "amount"], cut.FindAll(".designer-input[data-input]").Select(i => i.GetAttribute("data-input")));
        Assert.Equal("金额", cut.Find("[data-input=amount] label").TextContent.Trim());
        Assert.Equal(["", "Published", "Latest", "1"], cut.FindAll("#input-versionOptions option").Select(o => o.GetAttribute("value")));
        Assert.Equal(["（未设置）", "已发布版本", "最新版本（含草稿）", "第 1 版"], cut.FindAll("#input-versionOptions option").Select(o => o.TextContent.Trim()));
    }

    private static WorkflowDefinition Version(string definitionId, string name, int version, bool isPublished, bool usable)
    {
        var definition = new WorkflowDefinition
        {
            Id = $"{definitionId}-v{version}",
            DefinitionId = definitionId,
            Name = name,
            Version = version,
            IsPublished = isPublished,
            Root = new ActivityNode { Id = "flowchart1", Type = ActivityTypes.Flowchart },
        };
        definition.Inputs.Add(new JsonObject { ["type"] = "Int32", ["name"] = "Amount", ["displayName"] = "金额" });
        definition.Extensions["outcomes"] = new JsonArray("Approved", "Rejected");
        definition.Extensions["options"] = new JsonObject { ["usableAsActivity"] = usable };
        return definition;
    }
}
