using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// <c>POST /api/workflow-instances/migrations/preview</c> and <c>POST /api/workflow-instances/{id}/migrate</c>: an instance
/// waiting in a human task moves to a version that renamed the next step, and runs the renamed step; errors name the field.
/// </summary>
public sealed class WorkflowInstanceMigrationTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();

    /// <summary>Version 1 of a fresh copy of the human-task fixture, an instance waiting in its task, and version 2 renaming "submitted1" to "published1".</summary>
    private async Task<(string DefinitionId, string InstanceId, string TaskId)> ArrangeAsync()
    {
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId);
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);
        var instance = await _planner.StartAsync(definitionId);
        var taskId = Assert.Single(instance["bookmarks"]!.AsArray(), b => b!["kind"].Str() == "HumanTask")!["key"].Str();

        var renamed = JsonNode.Parse(definition.ToJsonString())!.AsObject();
        var step = DefinitionFixtures.Activity(renamed, "submitted1");
        step["id"] = "published1";
        step["name"] = "Publish progress";
        step["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "published" } };
        foreach (var connection in renamed["root"]!["connections"]!.AsArray())
        {
            foreach (var end in new[] { "source", "target" })
            {
                if (connection![end]!["activity"].Str() == "submitted1")
                {
                    connection[end]!["activity"] = "published1";
                }
            }
        }

        await _planner.ImportAsync(renamed);
        await _planner.PublishAsync(definitionId);
        return (definitionId, instance["id"].Str(), taskId);
    }

    private static Task<HttpResponseMessage> MigrateAsync(HttpClient client, string instanceId, object body) =>
        client.PostAsJsonAsync($"{HttpApi.Instances}/{instanceId}/migrate", body);

    [Fact]
    public async Task Migrate_WaitingInHumanTask_RunsTheRenamedNextStep()
    {
        // Arrange
        var (definitionId, instanceId, taskId) = await ArrangeAsync();

        // Act: preview, then move.
        var preview = await (await _planner.PostAsJsonAsync($"{HttpApi.Instances}/migrations/preview", new { definitionId, targetVersion = 2, mapping = new { } }))
            .ExpectAsync(HttpStatusCode.OK);
        var moved = await (await MigrateAsync(_planner, instanceId, new { targetVersion = 2, mapping = new { } })).ExpectAsync(HttpStatusCode.OK);

        // Assert: the preview said it can move; it moved; the task keeps its id and completing it runs the renamed step.
        var item = Assert.Single(preview.AsArray());
        Assert.Equal((instanceId, 1, true), (item!["instanceId"].Str(), item["fromVersion"]!.GetValue<int>(), item["canMove"]!.GetValue<bool>()));
        Assert.Equal((2, "Suspended"), (moved["definitionVersion"]!.GetValue<int>(), moved["status"].Str()));
        Assert.Equal(taskId, Assert.Single(moved["bookmarks"]!.AsArray(), b => b!["kind"].Str() == "HumanTask")!["key"].Str());
        await factory.CreateClientFor("guangdong.staff").CompleteTaskAsync(taskId, "Submitted", new JsonObject { ["progress"] = 40 });
        var journal = await _planner.JournalAsync(instanceId);
        Assert.Contains(journal, j => j!["activityId"].Str() == "published1" && j["event"].Str() == "Completed");
        Assert.DoesNotContain(journal, j => j!["activityId"].Str() == "submitted1");
        Assert.Single(journal, j => j!["event"].Str() == "Migrated");
        var line = Assert.Single(await factory.Services.GetRequiredService<AuditTrail>().ListAsync(new AuditQuery(Action: AuditActions.WorkflowMigrate, Target: instanceId)));
        Assert.Equal(("ndrc.planner", "version 1 → 2"), (line.Actor, line.Detail));
    }

    [Fact]
    public async Task MigrateAndPreview_BadInput_Answer400NamingTheField_403ForOthers_404_409()
    {
        var (definitionId, instanceId, _) = await ArrangeAsync();

        var unknownVersion = await (await MigrateAsync(_planner, instanceId, new { targetVersion = 9, mapping = new { } })).ExpectAsync(HttpStatusCode.BadRequest);
        var missingActivity = await (await MigrateAsync(_planner, instanceId, new { targetVersion = 2, mapping = new Dictionary<string, string?> { ["report1"] = "nowhere" } }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var noVersion = await (await _planner.PostAsJsonAsync($"{HttpApi.Instances}/migrations/preview", new { definitionId, mapping = new { } })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await MigrateAsync(factory.CreateClientFor("ndrc.supervisor"), instanceId, new { targetVersion = 2 })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await factory.CreateClientFor("guangdong.lead").PostAsJsonAsync($"{HttpApi.Instances}/migrations/preview", new { definitionId, targetVersion = 2 }))
            .ExpectAsync(HttpStatusCode.Forbidden);
        await (await MigrateAsync(_planner, "no-such-instance", new { targetVersion = 2 })).ExpectAsync(HttpStatusCode.NotFound);

        Assert.Equal(["targetVersion"], unknownVersion["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["mapping.report1"], missingActivity["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["targetVersion"], noVersion["errors"]!.AsObject().Select(e => e.Key));

        // Dropping the activity it waits in cannot move: the preview says why in both languages, the move is a 409.
        var drop = new Dictionary<string, string?> { ["report1"] = null };
        var refused = Assert.Single((await (await _planner.PostAsJsonAsync($"{HttpApi.Instances}/migrations/preview", new { definitionId, targetVersion = 2, instanceIds = new[] { instanceId }, mapping = drop }))
            .ExpectAsync(HttpStatusCode.OK)).AsArray())!;
        Assert.False(refused["canMove"]!.GetValue<bool>());
        var reason = Assert.Single(refused["reasons"]!.AsArray())!;
        Assert.Contains("映射舍弃了该活动", reason["zh"].Str(), StringComparison.Ordinal);
        Assert.Contains("drops", reason["en"].Str(), StringComparison.Ordinal);
        await (await MigrateAsync(_planner, instanceId, new { targetVersion = 2, mapping = drop })).ExpectAsync(HttpStatusCode.Conflict);

        // An instance that is not running: 409.
        await (await _planner.PostAsync(new Uri($"{HttpApi.Instances}/{instanceId}/cancel", UriKind.Relative), null)).ExpectAsync(HttpStatusCode.OK);
        await (await MigrateAsync(_planner, instanceId, new { targetVersion = 2 })).ExpectAsync(HttpStatusCode.Conflict);
    }
}
