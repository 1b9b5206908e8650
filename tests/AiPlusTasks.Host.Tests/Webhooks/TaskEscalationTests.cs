using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Webhooks;

/// <summary>
/// Escalation through the HTTP API: a task issued after its due date shows its past rungs at once and is in the escalated
/// view; an NDRC supervisor's 催办 is in the task's history for the agency and reaches the agency's webhook as
/// <c>task.urged</c>; everyone else, an empty message and a closed task are refused.
/// </summary>
public sealed class TaskEscalationTests(WebhookHostFactory factory) : IClassFixture<WebhookHostFactory>
{
    private const string Message = "请于本周五前报送人工智能+制造业试点进展";
    private static readonly string[] EscalationEvents = ["task.escalated", "task.urged"];

    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _supervisor = factory.CreateClientFor("ndrc.supervisor");
    private readonly HttpClient _guangdongLead = factory.CreateClientFor("guangdong.lead");
    private readonly HttpClient _guangdongStaff = factory.CreateClientFor("guangdong.staff");

    /// <summary>As the NDRC planner, issues the human-task fixture to guangdong due at <paramref name="due"/> with the default ladder.</summary>
    private async Task<string> IssueAsync(DateTimeOffset due)
    {
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId)
            .WithLiteral("report1", "dueAt", due.ToString("O", CultureInfo.InvariantCulture))
            .WithLiteral("report1", "escalation", "default");
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);
        var instance = await _planner.StartAsync(definitionId);
        return Assert.Single(instance["bookmarks"]!.AsArray(), b => b!["kind"].Str() == "HumanTask")!["key"].Str();
    }

    [Fact]
    public async Task LateTask_ShowsItsPastRungsAtOnce_IsEscalated_AndA催办ReachesHistoryAndWebhook()
    {
        // Arrange: guangdong's system listens for escalations and 催办.
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = await (await _guangdongLead.PostAsJsonAsync("/api/webhook-subscriptions", new { url = receiver.Url, eventTypes = EscalationEvents }))
            .ExpectAsync(HttpStatusCode.Created);
        receiver.Secret = created["secret"].Str();
        var due = factory.Time.GetUtcNow().AddDays(-16);

        // Act: a task issued 16 days after its due date.
        var taskId = await IssueAsync(due);

        // Assert: the rungs already due, at once and in order, for the agency as for the API.
        var task = await _guangdongStaff.GetJsonAsync($"{HttpApi.Tasks}/{taskId}");
        Assert.Equal((4, "Red"), (task["summary"]!["escalationLevel"].Int(), task["summary"]!["colour"].Str()));
        var applied = task["escalation"]!["applied"]!.AsArray();
        Assert.Equal(["reminder", "urge", "notice", "interview"], applied.Select(r => r!["action"].Str()));
        Assert.Equal([1, 2, 3, 4], applied.Select(r => r!["level"].Int()));
        Assert.All(applied, r => Assert.Equal(("ladder", "system", "guangdong"), (r!["trigger"].Str(), r["actor"].Str(), r["issuedToAgency"].Str())));
        Assert.Equal(due, DateTimeOffset.Parse(applied[1]!["dueAt"].Str(), CultureInfo.InvariantCulture));
        var planned = Assert.Single(task["escalation"]!["planned"]!.AsArray())!;
        Assert.Equal(("circular", due.AddDays(30)), (planned["action"].Str(), DateTimeOffset.Parse(planned["dueAt"].Str(), CultureInfo.InvariantCulture)));
        Assert.Equal(["Created", "Escalated", "Escalated", "Escalated", "Escalated"], task["history"]!.AsArray().Select(h => h!["action"].Str()));
        Assert.Contains((await _guangdongStaff.GetJsonAsync($"{HttpApi.Tasks}?view=escalated&pageSize=200"))["items"]!.AsArray(), t => t!["id"].Str() == taskId);
        Assert.Contains((await _supervisor.GetJsonAsync($"{HttpApi.Tasks}?view=escalated&agency=guangdong&pageSize=200"))["items"]!.AsArray(), t => t!["id"].Str() == taskId);
        Assert.True((await _guangdongStaff.GetJsonAsync($"{HttpApi.Tasks}/counts"))["escalated"].Int() >= 1);

        // Act: the NDRC supervisor urges it.
        var urged = await (await _supervisor.TaskActionAsync(taskId, "urge", new { message = Message })).ExpectAsync(HttpStatusCode.OK);

        // Assert: recorded, in the agency's history, and delivered to its webhook after the rungs, signed.
        var urge = urged["escalation"]!["applied"]!.AsArray()[^1]!;
        Assert.Equal(("urge", "manual", "ndrc.supervisor", Message), (urge["action"].Str(), urge["trigger"].Str(), urge["actor"].Str(), urge["message"].Str()));
        var history = (await _guangdongStaff.GetJsonAsync($"{HttpApi.Tasks}/{taskId}"))["history"]!.AsArray();
        var entry = history[^1]!;
        Assert.Equal(("Urged", "ndrc.supervisor", Message), (entry["action"].Str(), entry["actor"].Str(), entry["data"]!["message"].Str()));
        await Eventually.TrueAsync(() => Task.FromResult(Of(receiver, taskId).Count >= 5), () => $"5 events, got {string.Join(", ", Of(receiver, taskId).Select(r => r.Type))}");
        var received = Of(receiver, taskId);
        Assert.Equal(["task.escalated", "task.escalated", "task.escalated", "task.escalated", "task.urged"], received.Select(r => r.Type));
        Assert.Equal([1, 2, 3, 4], received.Take(4).Select(r => r.Data["level"].Int()));
        Assert.Equal((Message, "ndrc.supervisor", "guangdong", 2), (received[4].Data["message"].Str(), received[4].Data["by"].Str(), received[4].Data["agency"].Str(), received[4].Data["level"].Int()));
        Assert.All(received, r => Assert.True(r.SignatureValid));
    }

    [Fact]
    public async Task Urge_ForbiddenToAllButNdrcSupervisorsAndPlanners_MessageRequired_ClosedTaskConflicts()
    {
        // Arrange
        var taskId = await IssueAsync(factory.Time.GetUtcNow().AddDays(10));
        var (key, _) = await _guangdongLead.CreateApiKeyAsync("escalation-test-" + Guid.NewGuid().ToString("N")[..6]);
        var system = factory.CreateClientWithKey(key);

        // Act / Assert: 403 for everyone but NDRC supervisors and planners.
        foreach (var client in new[] { _guangdongStaff, _guangdongLead, factory.CreateClientFor("ndrc.auditor"), factory.CreateClientFor("hubei.lead") })
        {
            await (await client.TaskActionAsync(taskId, "urge", new { message = Message })).ExpectAsync(HttpStatusCode.Forbidden);
        }

        await (await system.PostKeyedAsync($"{HttpApi.Tasks}/{taskId}/urge", new { message = Message }, Guid.NewGuid().ToString("N"))).ExpectAsync(HttpStatusCode.Forbidden);

        // 400 naming the message when it is empty or missing.
        foreach (object body in new object[] { new { message = "" }, new { message = "   " }, new { } })
        {
            Assert.Equal(["message"], (await (await _supervisor.TaskActionAsync(taskId, "urge", body)).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        }

        await (await _supervisor.TaskActionAsync("no-such-task", "urge", new { message = Message })).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Empty((await _planner.GetJsonAsync($"{HttpApi.Tasks}/{taskId}"))["escalation"]!["applied"]!.AsArray());

        // A planner may urge; once the task is done, a 催办 is a conflict.
        await (await _planner.TaskActionAsync(taskId, "urge", new { message = Message })).ExpectAsync(HttpStatusCode.OK);
        await (await _guangdongStaff.TaskActionAsync(taskId, "complete", new { outcome = "Submitted", data = new { progress = 100 } })).ExpectAsync(HttpStatusCode.OK);
        await (await _supervisor.TaskActionAsync(taskId, "urge", new { message = Message })).ExpectAsync(HttpStatusCode.Conflict);
        var done = await _guangdongStaff.GetJsonAsync($"{HttpApi.Tasks}/{taskId}");
        Assert.Single(done["escalation"]!["applied"]!.AsArray());
        Assert.Empty(done["escalation"]!["planned"]!.AsArray());
    }

    private static List<ReceivedWebhook> Of(WebhookReceiver receiver, string taskId) =>
        [.. receiver.Accepted.Where(r => r.Data["taskId"]?.GetValue<string>() == taskId)];
}
