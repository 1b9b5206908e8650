using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Web.Components;
using AiPlusTasks.Workflows.Execution;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Web.Tests.Components;

/// <summary>
/// The migration's mapping editor on a real engine (a SQLite file): it lists the activities running instances wait in, by
/// their display names, offers the target version's activities and 舍弃, and binds the chosen mapping.
/// </summary>
public sealed class MigrationMappingEditorTests : WebContext
{
    private static readonly Caller NdrcPlanner = new("ndrc.planner", "ndrc", new HashSet<string> { Roles.NdrcPlanner });
    private static readonly Caller GuangdongStaff = new("guangdong.staff", "guangdong", new HashSet<string> { Roles.AgencyStaff });
    private static readonly int[] VersionOne = [1];

    // As the engine stores an instance's state (camelCase, web defaults).
    private static readonly System.Text.Json.JsonSerializerOptions StateJson = new(System.Text.Json.JsonSerializerDefaults.Web);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"aiplustasks-mapping-{Guid.NewGuid():N}.db");

    public MigrationMappingEditorTests()
    {
        Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Services.AddWorkflowEngine(e => e.UseSqlite($"Data Source={_file}"));
    }

    /// <summary>Version 1 waits in 等待批复 (event "approved"); version 2 calls it 等待签发 (another id); one instance waits there.</summary>
    private async Task<string> ArrangeAsync()
    {
        var dbFactory = Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        var store = Services.GetRequiredService<WorkflowDefinitionStore>();
        var approved = Event("approved", "approved");
        approved["name"] = "等待批复";
        await store.ImportAsync(Definition("mapping-editor", [approved, WriteLine("done", "done")], ["approved->done"]));
        var v1 = await store.PublishAsync("mapping-editor");
        var signed = Event("signed", "signed");
        signed["name"] = "等待签发";
        var finish = WriteLine("finish", "finish");
        finish["name"] = "完成";
        await store.ImportAsync(Definition("mapping-editor", [signed, finish], ["signed->finish"]));
        await store.PublishAsync("mapping-editor");

        var state = new WorkflowState { NextId = 3 };
        state.Contexts["1"] = new ActivityContext { Id = "1", ActivityId = "root" };
        state.Contexts["2"] = new ActivityContext
        {
            Id = "2",
            ActivityId = "approved",
            ParentId = "1",
            Suspended = true,
            Bookmarks = [new Bookmark("i1-3", BookmarkKinds.Event, "approved", null, null, "2", "approved")],
        };
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.Instances.Add(new WorkflowInstanceRecord
            {
                Id = "i1",
                DefinitionId = "mapping-editor",
                DefinitionVersionId = v1.Id,
                DefinitionVersion = 1,
                Status = WorkflowStatus.Suspended,
                State = System.Text.Json.JsonSerializer.Serialize(state, StateJson),
            });
            await db.SaveChangesAsync();
        }

        return "mapping-editor";
    }

    [Fact]
    public async Task Editor_InChinese_ListsWhereInstancesWait_AndBindsTheChosenPlace()
    {
        // Arrange
        UseCulture("zh-CN");
        var definitionId = await ArrangeAsync();
        Dictionary<string, string?>? bound = null;

        // Act
        var editor = Render<MigrationMappingEditor>(p => p
            .Add(e => e.DefinitionId, definitionId)
            .Add(e => e.SourceVersions, VersionOne)
            .Add(e => e.TargetVersion, 2)
            .Add(e => e.Caller, NdrcPlanner)
            .Add(e => e.MappingChanged, (Dictionary<string, string?> m) => bound = m));
        editor.WaitForAssertion(() => Assert.NotEmpty(editor.FindAll("select")));

        // Assert: one row, by display name, with the target's activities by theirs and 舍弃 (the default: "approved" was removed).
        var select = editor.Find("select#mapping-approved");
        Assert.Contains("等待批复", editor.Find("tbody tr").TextContent, StringComparison.Ordinal);
        Assert.Equal(["（舍弃）", "等待签发", "完成"], select.QuerySelectorAll("option").Select(o => o.TextContent));
        Assert.DoesNotContain("approved", editor.Find("table").TextContent, StringComparison.Ordinal);
        Assert.Equal("(drop)", select.GetAttribute("value"));

        // Choosing 等待签发 binds {approved: signed}; 舍弃 binds {approved: null}.
        select.Change("signed");
        Assert.Equal(new Dictionary<string, string?> { ["approved"] = "signed" }, bound);
        editor.Find("select#mapping-approved").Change("(drop)");
        Assert.Equal(new Dictionary<string, string?> { ["approved"] = null }, bound);
    }

    [Fact]
    public async Task Editor_InEnglish_ForAnAgencyCaller_SaysOnlyPlannersMigrate()
    {
        UseCulture("en");
        var definitionId = await ArrangeAsync();

        var editor = Render<MigrationMappingEditor>(p => p
            .Add(e => e.DefinitionId, definitionId)
            .Add(e => e.SourceVersions, VersionOne)
            .Add(e => e.TargetVersion, 2)
            .Add(e => e.Caller, GuangdongStaff));

        editor.WaitForAssertion(() => Assert.Contains("Only NDRC planners migrate instances.", editor.Markup, StringComparison.Ordinal));
        Assert.Empty(editor.FindAll("select"));
    }
}
