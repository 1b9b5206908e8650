using System.Security.Claims;
using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Pages;
using AiPlusTasks.Designer.Tests.Components;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Definitions;
using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiPlusTasks.Designer.Tests.Pages;

/// <summary>The editor page over a real definition store (a SQLite file of the test's own, migrated as the Host migrates it).</summary>
public sealed class DefinitionEditorTests : DesignerContext, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"aiplustasks-designer-{Guid.NewGuid():N}");
    private ServiceProvider? _engine;

    private WorkflowDefinitionStore Store => _engine!.GetRequiredService<WorkflowDefinitionStore>();

    async Task IAsyncLifetime.InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddWorkflowEngine(e => e
            .UseSqlite($"Data Source={Path.Combine(_folder, "designer.db")}")
            .UseDirectory(Path.Combine(RepositoryPaths.Workflows, "catalog")));
        _engine = services.BuildServiceProvider();

        // Only the migrator runs: the page needs the store's tables, not the engine's workers.
        var migrator = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DatabaseMigrator").ImplementationType!;
        await ((IHostedService)ActivatorUtilities.CreateInstance(_engine, migrator)).StartAsync(CancellationToken.None);
        Services.AddSingleton(Store);

        // The editor reads and saves as the signed-in planner, through the store's caller-taking methods.
        var planner = AddAuthorization();
        planner.SetAuthorized("ndrc.planner");
        planner.SetRoles(Roles.NdrcPlanner);
        planner.SetClaims(new Claim(CallerClaims.AgencyClaim, "ndrc"));
        Services.AddSingleton(_engine.GetRequiredService<DefinitionValidator>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        TestDatabaseFolder.Delete(_folder);
    }

    private static string WithRoot(string definitionId, JsonObject root) => new JsonObject
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["root"] = root,
    }.ToJsonString();

    private static JsonObject WriteLine(string id, string text) => new()
    {
        ["id"] = id,
        ["type"] = ActivityTypes.WriteLine,
        ["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = text } },
    };

    [Theory]
    [InlineData("en", "Elsa.Sequence", "Sequence")]
    [InlineData("zh-CN", "Elsa.WriteLine", "写日志")]
    public async Task Render_RootIsNotAFlowchart_ShowsTheDefinitionReadOnlyWithAClearMessage(string culture, string rootType, string rootName)
    {
        TestCulture.Use(culture);
        var root = rootType == ActivityTypes.Sequence
            ? new JsonObject { ["id"] = "seq", ["type"] = rootType, ["activities"] = new JsonArray(WriteLine("hello", "你好")) }
            : WriteLine("hello", "你好");
        await Store.ImportAsync(WithRoot("not-a-flowchart", root), "test");

        var page = Render<DefinitionEditor>(p => p.Add(x => x.DefinitionId, "not-a-flowchart"));

        page.WaitForElement("#designer-not-flowchart");
        Assert.Contains(rootName, page.Find("#designer-not-flowchart").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(rootType, page.Find("#designer-not-flowchart").TextContent, StringComparison.Ordinal);
        Assert.Contains(culture == "en" ? "read-only" : "只读", page.Find("#designer-not-flowchart").TextContent, StringComparison.Ordinal);
        Assert.Contains("你好", page.Find("#designer-json").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#designer-editor"));
        Assert.Empty(page.FindAll("#save-draft, #publish"));
    }

    [Fact]
    public async Task Render_FlowchartRoot_OpensTheCanvasEditor()
    {
        await Store.ImportAsync(File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, "hello-world.json")), "test");
        var definitionId = WorkflowDefinitionJson.Read(File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, "hello-world.json"))).DefinitionId;

        var page = Render<DefinitionEditor>(p => p.Add(x => x.DefinitionId, definitionId));

        page.WaitForElement("#designer-editor");
        Assert.Empty(page.FindAll("#designer-not-flowchart"));
    }

    [Theory]
    [InlineData("zh-CN", "延时 · 时长: 必须填写", "延时 · 连线: 从开始步骤无法到达这里")]
    [InlineData("en", "Delay · Duration: Required", "Delay · Connections: Cannot be reached from the start")]
    public async Task Problems_ANewUnconnectedDelay_AreSaidInWordsWithTheStepAndFieldNames(string culture, string missingDuration, string unreachable)
    {
        // Arrange
        TestCulture.Use(culture);
        var json = File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, "hello-world.json"));
        await Store.ImportAsync(json, "test");
        var page = Render<DefinitionEditor>(p => p.Add(x => x.DefinitionId, WorkflowDefinitionJson.Read(json).DefinitionId));
        page.WaitForElement("#designer-editor");

        // Act
        page.Find("[data-type='Elsa.Delay']").DoubleClick();

        // Assert: the step's name and the field's label, never the key (activities[delay1].timeSpan) or the English message.
        var problems = page.FindAll(".designer-problem").Select(p => p.TextContent.Trim()).ToList();
        Assert.Contains(missingDuration, problems);
        Assert.Contains(unreachable, problems);
        Assert.DoesNotContain(problems, p => p.Contains("activities[", StringComparison.Ordinal) || p.Contains("delay1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_EditWithAProblem_StoresNothingSaysSoAndSelectsTheProblemsNode()
    {
        // Arrange: version 1 is published; the planner adds a delay that nothing connects to (unreachable, no duration).
        TestCulture.Use("zh-CN");
        var json = File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, "hello-world.json"));
        var definitionId = WorkflowDefinitionJson.Read(json).DefinitionId;
        await Store.ImportAsync(json, "test");
        await Store.PublishAsync(definitionId);
        var before = await Store.ListVersionsAsync(definitionId);
        var page = Render<DefinitionEditor>(p => p.Add(x => x.DefinitionId, definitionId));
        page.WaitForElement("#designer-editor");
        page.Find("[data-type='Elsa.Delay']").DoubleClick();
        var problems = page.FindAll(".designer-problem").Count;
        Assert.True(problems > 0);
        page.Find(".canvas-background").PointerDown(new Microsoft.AspNetCore.Components.Web.PointerEventArgs { Button = 0 }); // publish must select again
        Assert.Empty(page.FindAll(".canvas-node.selected"));

        // Act
        page.Find("#publish").Click();

        // Assert
        Assert.Equal(before, await Store.ListVersionsAsync(definitionId));
        var message = page.Find("#designer-message").TextContent;
        Assert.Contains($"有 {problems} 个问题需要先解决", message, StringComparison.Ordinal);
        Assert.Contains("延时", message, StringComparison.Ordinal);
        var selected = Assert.Single(page.FindAll(".canvas-node.selected"));
        Assert.Equal("Elsa.Delay", selected.GetAttribute("data-type"));
    }
}
