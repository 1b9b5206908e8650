using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Delegations;

/// <summary>
/// Delegations (代理) through <c>/api/delegations</c>: who may make and revoke them, every refusal as a 400 naming the
/// field, their events and audit entries, and the substitute acting "代" the delegator on tasks.
/// </summary>
public sealed class DelegationEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();

    [Fact]
    public async Task CreateDelegation_ToAColleague_201ListedForBothWithAnEventAndAnAuditEntry()
    {
        // Arrange
        var (from, fromClient) = await factory.ColleagueAsync();
        var (to, toClient) = await factory.ColleagueAsync();
        var today = factory.Today();

        // Act
        var made = await fromClient.DelegateAsync(null, to, today, today.AddDays(6));

        // Assert
        Assert.StartsWith("dlg_", made["id"].Str(), StringComparison.Ordinal);
        Assert.Equal(from, made["fromUser"].Str());
        Assert.Equal("guangdong", made["agencyCode"].Str());
        Assert.Equal("InForce", made["state"].Str());
        foreach (var client in (HttpClient[])[fromClient, toClient, factory.CreateClientFor("guangdong.lead")])
        {
            var listed = await client.GetJsonAsync($"{DelegationApi.Delegations}?user={from}");
            Assert.Contains(listed["items"]!.AsArray(), d => d!["id"].Str() == made["id"].Str());
        }

        foreach (var outsider in (string[])["hubei.lead", "guangdong.staff"])
        {
            var others = await factory.CreateClientFor(outsider).GetJsonAsync($"{DelegationApi.Delegations}?pageSize=200");
            Assert.DoesNotContain(others["items"]!.AsArray(), d => d!["id"].Str() == made["id"].Str());
        }

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var events = await db.Outbox.AsNoTracking().Where(e => e.Type == OutboxEventTypes.DelegationCreated && e.Payload.Contains(made["id"].Str())).ToListAsync();
        Assert.Equal("guangdong", Assert.Single(events).Agencies);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "delegation.create" && a.Target == made["id"].Str() && a.Actor == from));
    }

    [Fact]
    public async Task CreateDelegation_BadInput_400NamingTheField()
    {
        // Arrange
        var (from, client) = await factory.ColleagueAsync();
        var (to, _) = await factory.ColleagueAsync();
        var today = factory.Today();
        await client.DelegateAsync(null, to, today.AddDays(10), today.AddDays(20));
        (object Body, string Field)[] cases =
        [
            (new { toUser = "guangdong.nobody", startsOn = today, endsOn = today.AddDays(1) }, "toUser"),
            (new { toUser = "hubei.staff", startsOn = today, endsOn = today.AddDays(1) }, "toUser"),
            (new { toUser = from, startsOn = today, endsOn = today.AddDays(1) }, "toUser"),
            (new { toUser = "", startsOn = today, endsOn = today.AddDays(1) }, "toUser"),
            (new { toUser = to, startsOn = today.AddDays(3), endsOn = today.AddDays(2) }, "endsOn"),
            (new { toUser = to, startsOn = today.AddDays(-5), endsOn = today.AddDays(-1) }, "endsOn"),
            (new { toUser = to, startsOn = today, endsOn = today.AddDays(400) }, "endsOn"),
            (new { toUser = to, endsOn = today.AddDays(1) }, "startsOn"),
            (new { toUser = to, startsOn = today.AddDays(15), endsOn = today.AddDays(25) }, "startsOn"),
            (new { toUser = to, startsOn = today, endsOn = today.AddDays(1), planId = "no-such-plan" }, "planId"),
            (new { toUser = to, startsOn = today, endsOn = today.AddDays(1), pillar = "action.nothing" }, "pillar"),
        ];

        foreach (var (body, field) in cases)
        {
            // Act
            var response = await client.DelegateAsync(body);

            // Assert
            var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.ErrorKeys().Contains(field), $"{System.Text.Json.JsonSerializer.Serialize(body)}: expected an error on {field}, got {problem.ToJsonString()}");
        }
    }

    [Fact]
    public async Task CreateDelegation_OverlappingRangeOfAnotherScope_IsAllowed()
    {
        // Arrange: the same days, one for a pillar and one for another pillar, do not meet.
        var (_, client) = await factory.ColleagueAsync();
        var (to, _) = await factory.ColleagueAsync();
        var today = factory.Today();
        await client.DelegateAsync(null, to, today, today.AddDays(5), pillar: "action.industry");

        // Act
        var response = await client.DelegateAsync(new { toUser = to, startsOn = today, endsOn = today.AddDays(5), pillar = "support.compute" });
        var same = await client.DelegateAsync(new { toUser = to, startsOn = today.AddDays(2), endsOn = today.AddDays(3) });

        // Assert
        await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Contains("startsOn", (await same.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task CreateDelegation_Chains_400NamingToUser()
    {
        // Arrange: b acts for a this week; c has delegated their own work to d.
        var (a, aClient) = await factory.ColleagueAsync();
        var (b, bClient) = await factory.ColleagueAsync();
        var (c, cClient) = await factory.ColleagueAsync();
        var (d, _) = await factory.ColleagueAsync();
        var today = factory.Today();
        await aClient.DelegateAsync(null, b, today, today.AddDays(6));
        await cClient.DelegateAsync(null, d, today.AddDays(3), today.AddDays(9));

        // Act: b (a substitute) passes the work on; a names c (who is away then).
        var onward = await bClient.DelegateAsync(new { toUser = d, startsOn = today.AddDays(2), endsOn = today.AddDays(4) });
        var toAway = await aClient.DelegateAsync(new { toUser = c, startsOn = today.AddDays(8), endsOn = today.AddDays(12) });
        var later = await bClient.DelegateAsync(new { toUser = d, startsOn = today.AddDays(20), endsOn = today.AddDays(22) });

        // Assert
        Assert.Contains("toUser", (await onward.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Contains("toUser", (await toAway.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        await later.ExpectAsync(HttpStatusCode.Created);
        _ = a;
    }

    [Fact]
    public async Task CreateDelegation_ForSomeoneElse_LeadOfTheAgencyOnly()
    {
        // Arrange
        var (from, fromClient) = await factory.ColleagueAsync();
        var (to, toClient) = await factory.ColleagueAsync();
        var today = factory.Today();

        // Act
        var byColleague = await toClient.DelegateAsync(new { fromUser = from, toUser = to, startsOn = today, endsOn = today });
        var byOtherLead = await factory.CreateClientFor("hubei.lead").DelegateAsync(new { fromUser = from, toUser = to, startsOn = today, endsOn = today });
        var byLead = await factory.CreateClientFor("guangdong.lead").DelegateAsync(new { fromUser = from, toUser = to, startsOn = today, endsOn = today, reason = "出差" });
        var bySystem = await factory.CreateClientFor("ndrc.auditor").DelegateAsync(new { toUser = "ndrc.planner", startsOn = today, endsOn = today });

        // Assert
        await byColleague.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Contains("fromUser", (await byOtherLead.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        var made = await byLead.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("guangdong.lead", made["createdBy"].Str());
        Assert.Equal(from, made["fromUser"].Str());
        await bySystem.ExpectAsync(HttpStatusCode.Forbidden);
        _ = fromClient;
    }

    [Fact]
    public async Task RevokeDelegation_ByTheDelegator_EndsItWithAnEvent_ThenAgainIs409_AnotherAgencysIs404()
    {
        // Arrange
        var (from, client) = await factory.ColleagueAsync();
        var (to, toClient) = await factory.ColleagueAsync();
        var today = factory.Today();
        var made = await client.DelegateAsync(null, to, today, today.AddDays(6));
        var id = made["id"].Str();
        var taskId = await _planner.StartAssignedTaskAsync(from);
        Assert.Contains(await toClient.MineAsync(), t => t!["id"].Str() == taskId);

        // Act
        var noReason = await client.PostAsJsonAsync($"{DelegationApi.Delegations}/{id}/revoke", new { reason = "" });
        var fromOtherAgency = await factory.CreateClientFor("hubei.lead").PostAsJsonAsync($"{DelegationApi.Delegations}/{id}/revoke", new { reason = "不是我的" });
        var revoked = await client.PostAsJsonAsync($"{DelegationApi.Delegations}/{id}/revoke", new { reason = "提前返岗" });
        var again = await client.PostAsJsonAsync($"{DelegationApi.Delegations}/{id}/revoke", new { reason = "再次" });

        // Assert
        Assert.Contains("reason", (await noReason.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        await fromOtherAgency.ExpectAsync(HttpStatusCode.NotFound);
        var view = await revoked.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Revoked", view["state"].Str());
        Assert.Equal(from, view["revokedBy"].Str());
        await again.ExpectAsync(HttpStatusCode.Conflict);
        Assert.DoesNotContain(await toClient.MineAsync(), t => t!["id"].Str() == taskId);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.True(await db.Outbox.AnyAsync(e => e.Type == OutboxEventTypes.DelegationRevoked && e.Payload.Contains(id)));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "delegation.revoke" && a.Target == id));
    }

    [Fact]
    public async Task Inbox_DelegatedTask_InTheSubstitutesMineViewMarkedActingFor_TheirOwnInboxUnchanged()
    {
        // Arrange
        var (from, fromClient) = await factory.ColleagueAsync();
        var (to, toClient) = await factory.ColleagueAsync();
        var (other, otherClient) = await factory.ColleagueAsync();
        var today = factory.Today();
        var inScope = await _planner.StartAssignedTaskAsync(from, pillar: "action.industry.manufacturing");
        var outOfScope = await _planner.StartAssignedTaskAsync(from, pillar: "support.compute");
        var ownTask = await _planner.StartAssignedTaskAsync(to);

        // Act
        await fromClient.DelegateAsync(null, to, today, today.AddDays(6), pillar: "action.industry");
        var mine = await toClient.MineAsync();
        var counts = await toClient.GetJsonAsync($"{HttpApi.Tasks}/counts");
        var theirs = await fromClient.MineAsync();

        // Assert
        var delegated = Assert.Single(mine, t => t!["id"].Str() == inScope)!;
        Assert.Equal(from, delegated["actingFor"].Str());
        Assert.DoesNotContain(mine, t => t!["id"].Str() == outOfScope);
        Assert.Null(Assert.Single(mine, t => t!["id"].Str() == ownTask)!["actingFor"]);
        Assert.Equal(mine.Count, counts["mine"].Int());
        Assert.Contains(theirs, t => t!["id"].Str() == inScope && t["actingFor"] is null);
        Assert.DoesNotContain(await otherClient.MineAsync(), t => t!["id"].Str() == inScope);
        _ = other;
    }

    [Fact]
    public async Task Acting_SubstituteClaimsCommentsAndCompletes_HistoryRecordsBothAndTheWorkflowGetsActingFor()
    {
        // Arrange
        var (from, fromClient) = await factory.ColleagueAsync();
        var (to, toClient) = await factory.ColleagueAsync();
        var today = factory.Today();
        var taskId = await _planner.StartAssignedTaskAsync(from);
        await fromClient.DelegateAsync(null, to, today, today.AddDays(6));

        // Act
        var claimed = await (await toClient.TaskActionAsync(taskId, "claim")).ExpectAsync(HttpStatusCode.OK);
        await (await toClient.TaskActionAsync(taskId, "comments", new { text = "代为办理" })).ExpectAsync(HttpStatusCode.OK);
        var completed = await (await toClient.TaskActionAsync(taskId, "complete", new { outcome = "Submitted", data = new { progress = 60 } })).ExpectAsync(HttpStatusCode.OK);

        // Assert: claimed in the delegator's name; each entry names both people.
        Assert.Equal(from, claimed["summary"]!["claimedBy"].Str());
        Assert.Equal(from, claimed["summary"]!["actingFor"].Str());
        var history = completed["history"]!.AsArray().Where(h => h!["action"].Str() != "Created").ToList();
        Assert.Equal(["Claimed", "Commented", "Completed"], history.Select(h => h!["action"].Str()));
        Assert.All(history, h =>
        {
            Assert.Equal(to, h!["actor"].Str());
            Assert.Equal(from, h["actingFor"].Str());
        });
        Assert.Equal(to, completed["completedBy"].Str());
        var instanceId = completed["instanceId"].Str();
        var journal = await _planner.JournalAsync(instanceId);
        Assert.Contains(journal, e => e!.ToJsonString().Contains($"progress 60 by {to}", StringComparison.Ordinal));
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var completedEvent = await db.Outbox.AsNoTracking().Where(e => e.Type == OutboxEventTypes.TaskCompleted && e.InstanceId == instanceId).SingleAsync();
        Assert.Equal(from, JsonNode.Parse(completedEvent.Payload)!["data"]!["actingFor"].Str());
    }

    [Fact]
    public async Task Acting_ForTheLead_OpensALeadOnlyStepToTheSubstitute()
    {
        // Arrange
        var (lead, leadClient) = await factory.ColleagueAsync(role: "agency-lead");
        var (to, toClient) = await factory.ColleagueAsync();
        var taskId = await _planner.StartAssignedTaskAsync(null, role: "lead");
        var today = factory.Today();
        await (await toClient.TaskActionAsync(taskId, "claim")).ExpectAsync(HttpStatusCode.Forbidden);

        // Act
        await leadClient.DelegateAsync(null, to, today, today.AddDays(2));
        var claimed = await toClient.TaskActionAsync(taskId, "claim");

        // Assert
        var task = await claimed.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(lead, task["summary"]!["claimedBy"].Str());
        Assert.Equal(lead, task["history"]!.AsArray()[^1]!["actingFor"].Str());
    }

    [Fact]
    public async Task Acting_OnAReviewOfOwnSubmittedWork_403_AnotherSubstituteMayReview()
    {
        // Arrange: the substitute submitted the work; the reviewer then delegates the review to them.
        var (worker, workerClient) = await factory.ColleagueAsync();
        var (reviewer, reviewerClient) = await factory.ColleagueAsync();
        var (other, otherClient) = await factory.ColleagueAsync();
        var definition = DefinitionFixtures.Load("delegated-review.json", out var definitionId);
        definition.WithLiteral("work1", "assigneeUser", worker).WithLiteral("review1", "assigneeUser", reviewer);
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);
        var instance = await _planner.StartAsync(definitionId);
        var workTask = Assert.Single(instance["bookmarks"]!.AsArray())!["key"].Str();
        await (await workerClient.TaskActionAsync(workTask, "complete", new { outcome = "Submitted" })).ExpectAsync(HttpStatusCode.OK);
        var reviewTask = Assert.Single((await _planner.GetJsonAsync($"{HttpApi.Instances}/{instance["id"].Str()}"))["bookmarks"]!.AsArray())!["key"].Str();
        var today = factory.Today();
        await reviewerClient.DelegateAsync(null, worker, today, today);

        // Act
        var ownWork = await workerClient.TaskActionAsync(reviewTask, "complete", new { outcome = "Approved" });
        await (await workerClient.PostAsJsonAsync($"{DelegationApi.Delegations}/{(await reviewerClient.GetJsonAsync(DelegationApi.Delegations))["items"]![0]!["id"].Str()}/revoke", new { reason = "换人" }))
            .ExpectAsync(HttpStatusCode.OK);
        await reviewerClient.DelegateAsync(null, other, today, today.AddDays(1));
        var byOther = await otherClient.TaskActionAsync(reviewTask, "complete", new { outcome = "Approved" });

        // Assert
        await ownWork.ExpectAsync(HttpStatusCode.Forbidden);
        var reviewed = await byOther.ExpectAsync(HttpStatusCode.OK);
        var entry = reviewed["history"]!.AsArray()[^1]!;
        Assert.Equal(other, entry["actor"].Str());
        Assert.Equal(reviewer, entry["actingFor"].Str());
    }

    [Theory]
    [InlineData("/api/delegations", "get", "403")]
    [InlineData("/api/delegations/choices", "get", "403")]
    [InlineData("/api/delegations", "post", "403")]
    [InlineData("/api/delegations/{id}/revoke", "post", "409")]
    public async Task OpenApi_DelegationRoute_HasASummaryAndProblemDetailsAnswers(string path, string method, string refusal)
    {
        // Act
        var document = await _planner.GetJsonAsync("/openapi/v1.json");

        // Assert
        var operation = document["paths"]![path]![method]!;
        Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()));
        Assert.Equal("Delegations", operation["tags"]![0].Str());
        foreach (var status in (string[])["400", refusal])
        {
            Assert.NotNull(operation["responses"]![status]!["content"]!["application/problem+json"]);
        }
    }
}
