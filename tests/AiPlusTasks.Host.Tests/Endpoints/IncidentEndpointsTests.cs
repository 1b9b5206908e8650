using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Audit;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// <c>POST /api/workflow-instances/{id}/retry</c> and <c>/skip</c> on a faulted instance, and
/// <c>POST /api/tasks/{id}/extend-due</c>: what each answers and what it refuses (docs/decisions/030).
/// </summary>
public sealed class IncidentEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _supervisor = factory.CreateClientFor("ndrc.supervisor");
    private readonly HttpClient _auditor = factory.CreateClientFor("ndrc.auditor");
    private readonly HttpClient _staff = factory.CreateClientFor("guangdong.staff");

    /// <summary>A faulted instance: its decision throws while variable <c>ok</c> is false (ports True/False).</summary>
    private async Task<string> FaultedAsync()
    {
        var id = "incident-" + Guid.NewGuid().ToString("N")[..8];
        await _planner.ImportAsync(JsonNode.Parse(Definition(
            id,
            [Decision("check", "(function () { if (!getVariable('ok')) { throw new Error('data missing'); } return true; })()"), WriteLine("yes", "yes"), WriteLine("no", "no")],
            ["check:True->yes", "check:False->no"],
            ("ok", "Boolean", "false")))!.AsObject());
        await _planner.PublishAsync(id);
        var instance = await _planner.StartAsync(id);
        Assert.Equal("Faulted", instance["status"].Str());
        return instance["id"].Str();
    }

    /// <summary>The audit trail's lines of one action on one target.</summary>
    private async Task<IReadOnlyList<AuditEntryView>> AuditAsync(string action, string target) =>
        await factory.Services.GetRequiredService<AuditTrail>().ListAsync(new AuditQuery(Action: action, Target: target));

    private static string Retry(string instanceId) => $"{HttpApi.Instances}/{instanceId}/retry";

    private static string Skip(string instanceId) => $"{HttpApi.Instances}/{instanceId}/skip";

    [Fact]
    public async Task Retry_WithFixedVariables_Finishes_AndTheIncidentIsKeptResolved()
    {
        var instanceId = await FaultedAsync();

        var retried = await (await _planner.PostAsJsonAsync(Retry(instanceId), new { reason = "已补数据", variables = new { ok = true } })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Finished", retried["status"].Str());
        var incident = Assert.Single(retried["incidents"]!.AsArray())!;
        Assert.Equal(("Retried", "ndrc.planner", "已补数据"), (incident["resolution"]!["action"].Str(), incident["resolution"]!["by"].Str(), incident["resolution"]!["reason"].Str()));
        var journal = await _planner.JournalAsync(instanceId);
        Assert.Single(journal, e => e!["event"].Str() == "Retried");
        Assert.Single(journal, e => e!["activityId"].Str() == "yes" && e["event"].Str() == "Completed");
        Assert.Equal("ndrc.planner", Assert.Single(await AuditAsync(AuditActions.WorkflowRetry, instanceId)).Actor);

        // Again: nothing is faulted any more.
        await (await _planner.PostAsJsonAsync(Retry(instanceId), new { })).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Skip_ContinuesFromThePort_AndRefusesWhatItMust()
    {
        var instanceId = await FaultedAsync();

        // 400 naming the field, 403 for anyone but a planner, 404 for no such instance, 409 for another activity.
        Assert.Equal(["outcome"], (await (await _planner.PostAsJsonAsync(Skip(instanceId), new { outcome = "Done", reason = "跳过" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["outcome"], (await (await _planner.PostAsJsonAsync(Skip(instanceId), new { reason = "跳过" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["reason"], (await (await _planner.PostAsJsonAsync(Skip(instanceId), new { outcome = "False" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        await (await _supervisor.PostAsJsonAsync(Skip(instanceId), new { outcome = "False", reason = "跳过" })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await _staff.PostAsJsonAsync(Skip(instanceId), new { outcome = "False", reason = "跳过" })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await _planner.PostAsJsonAsync(Skip("no-such-instance"), new { outcome = "False", reason = "跳过" })).ExpectAsync(HttpStatusCode.NotFound);
        await (await _planner.PostAsJsonAsync(Skip(instanceId), new { activityId = "yes", outcome = "False", reason = "跳过" })).ExpectAsync(HttpStatusCode.Conflict);

        var skipped = await (await _planner.PostAsJsonAsync(Skip(instanceId), new { activityId = "check", outcome = "False", reason = "跳过" })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Finished", skipped["status"].Str());
        var journal = await _planner.JournalAsync(instanceId);
        Assert.Contains(journal, e => e!["activityId"].Str() == "no" && e["event"].Str() == "Completed");
        Assert.DoesNotContain(journal, e => e!["activityId"].Str() == "yes");
        Assert.Equal("False", Assert.Single(skipped["incidents"]!.AsArray())!["resolution"]!["outcome"].Str());
        Assert.Contains("跳过", Assert.Single(await AuditAsync(AuditActions.WorkflowSkip, instanceId)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_RefusedToOthers_AndAnUndeclaredVariableIs400NamingIt()
    {
        var instanceId = await FaultedAsync();

        await (await _auditor.PostAsJsonAsync(Retry(instanceId), new { })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await _planner.PostAsJsonAsync(Retry("no-such-instance"), new { })).ExpectAsync(HttpStatusCode.NotFound);
        var problem = await (await _planner.PostAsJsonAsync(Retry(instanceId), new { variables = new { nope = 1 } })).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["variables.nope"], problem.ErrorKeys());
        Assert.Equal("Faulted", (await _planner.GetJsonAsync($"{HttpApi.Instances}/{instanceId}"))["status"].Str());
    }

    [Fact]
    public async Task ExtendDue_MovesTheDueDate_RecordsIt_AndRefusesWhatItMust()
    {
        var (_, taskId) = await _planner.StartHumanTaskAsync(agency: "guangdong");
        var now = factory.Time.GetUtcNow();
        var later = now.AddDays(60);

        // 400 naming the field, 403 for agencies and auditors, 404 for no such task.
        Assert.Equal(["dueAt"], (await (await _supervisor.TaskActionAsync(taskId, "extend-due", new { dueAt = now.AddDays(-1), reason = "延期" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["reason"], (await (await _supervisor.TaskActionAsync(taskId, "extend-due", new { dueAt = later, reason = "" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        await (await _staff.TaskActionAsync(taskId, "extend-due", new { dueAt = later, reason = "延期" })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await _auditor.TaskActionAsync(taskId, "extend-due", new { dueAt = later, reason = "延期" })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await _supervisor.TaskActionAsync("no-such-task", "extend-due", new { dueAt = later, reason = "延期" })).ExpectAsync(HttpStatusCode.NotFound);

        var task = await (await _supervisor.TaskActionAsync(taskId, "extend-due", new { dueAt = later, reason = "需协调数据" })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(later, task["summary"]!["dueAt"]!.GetValue<DateTimeOffset>());
        var entry = task["history"]!.AsArray().Last(h => h!["action"].Str() == "DueExtended")!;
        Assert.Equal(("ndrc.supervisor", "需协调数据"), (entry["actor"].Str(), entry["data"]!["reason"].Str()));
        Assert.Equal("ndrc.supervisor", Assert.Single(await AuditAsync(AuditActions.TaskExtendDue, taskId)).Actor);

        // The agency sees the new date; a finished task cannot move any more.
        Assert.Equal(later, (await _staff.GetJsonAsync($"{HttpApi.Tasks}/{taskId}"))["summary"]!["dueAt"]!.GetValue<DateTimeOffset>());
        await _staff.CompleteTaskAsync(taskId, "Submitted", new JsonObject { ["progress"] = 100 });
        await (await _supervisor.TaskActionAsync(taskId, "extend-due", new { dueAt = later.AddDays(1), reason = "延期" })).ExpectAsync(HttpStatusCode.Conflict);
    }
}
