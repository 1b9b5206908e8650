using System.Net;
using System.Net.Http.Json;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Host.Tests.Delegations;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Audit;

/// <summary>
/// Actions over HTTP each leave one line on the audit trail with the right actor, the person acted for through a
/// delegation, the caller's address and agency; the scheduled roll of a plan is the system's.
/// </summary>
public sealed class AuditRecordingTests(AuditHostFactory factory) : IClassFixture<AuditHostFactory>
{
    [Fact]
    public async Task CompleteTask_BySubstituteActingForTheDelegator_OneLineWithBothPeopleAndTheAddress()
    {
        // Arrange: a delegates to b; a task for a.
        var (a, aClient) = await factory.ColleagueAsync();
        var (b, bClient) = await factory.ColleagueAsync();
        var today = factory.Today();
        await aClient.DelegateAsync(null, b, today, today.AddDays(3));
        var taskId = await factory.CreateClientFor("ndrc.planner").StartAssignedTaskAsync(a);
        AuditHostFactory.From(bClient, "203.0.113.21");

        // Act
        await (await bClient.TaskActionAsync(taskId, "complete", new { outcome = "Submitted", data = new { progress = 60 } })).ExpectAsync(HttpStatusCode.OK);

        // Assert
        var line = Assert.Single(await factory.LinesAsync(AuditActions.TaskComplete, taskId));
        Assert.Equal((b, a, "203.0.113.21", "guangdong", AuditOutcomes.Succeeded), (line.Actor, line.ActingFor, line.Address, line.AgencyCode, line.Outcome));
        Assert.Contains("Submitted", line.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateDelegation_OverHttp_OneLineWithTheDelegatorAndTheAddress()
    {
        // Arrange
        var (a, aClient) = await factory.ColleagueAsync();
        var (b, _) = await factory.ColleagueAsync();
        var today = factory.Today();
        AuditHostFactory.From(aClient, "203.0.113.22");

        // Act
        var made = await aClient.DelegateAsync(null, b, today.AddDays(20), today.AddDays(22));

        // Assert
        var line = Assert.Single(await factory.LinesAsync(AuditActions.DelegationCreate, made["id"].Str()));
        Assert.Equal((a, null, "203.0.113.22"), (line.Actor, line.ActingFor, line.Address));
        Assert.Contains(b, line.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishDefinition_OverHttp_OneLineWithThePlannerAndTheAddress()
    {
        // Arrange
        var planner = factory.From("ndrc.planner", "203.0.113.23");
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId);
        await planner.ImportAsync(definition);

        // Act
        await planner.PublishAsync(definitionId);

        // Assert
        var line = Assert.Single(await factory.LinesAsync(AuditActions.DefinitionPublish, definitionId));
        Assert.Equal(("ndrc.planner", null, "203.0.113.23", "ndrc"), (line.Actor, line.ActingFor, line.Address, line.AgencyCode));
        Assert.Single(await factory.LinesAsync(AuditActions.DefinitionImport, definitionId));
    }

    [Fact]
    public async Task RollPlan_ByHandThenOnSchedule_OneLineEach_TheScheduledOneTheSystems()
    {
        // Arrange
        const string plan = "ai-plus-2025-2027";
        var planner = factory.From("ndrc.planner", "203.0.113.24");

        // Act: by hand to the next quarter (twice: the second finds the version made), then the schedule's roll a quarter on.
        await (await planner.PostAsJsonAsync($"/api/plans/{plan}/roll", new { period = "2027-Q1" })).ExpectAsync(HttpStatusCode.OK);
        await (await planner.PostAsJsonAsync($"/api/plans/{plan}/roll", new { period = "2027-Q1" })).ExpectAsync(HttpStatusCode.OK);
        factory.Time.SetUtcNow(new DateTimeOffset(2027, 4, 2, 0, 0, 0, TimeSpan.Zero));
        await factory.Services.GetRequiredService<PlanService>().RollAsync(plan, "2027-Q2", "schedule");

        // Assert
        var lines = await factory.LinesAsync(AuditActions.PlanRoll, plan);
        Assert.Equal(2, lines.Count);
        var byHand = Assert.Single(lines, l => l.Detail!.Contains("2027-Q1", StringComparison.Ordinal));
        Assert.Equal(("ndrc.planner", "203.0.113.24"), (byHand.Actor, byHand.Address));
        var scheduled = Assert.Single(lines, l => l.Detail!.Contains("2027-Q2", StringComparison.Ordinal));
        Assert.Equal((AuditTrail.SystemActor, null), (scheduled.Actor, scheduled.Address));
        Assert.Contains("schedule", scheduled.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAndExport_AsAuditor_FindByAPersonsNameAndStreamCsvInWords()
    {
        // Arrange: a person with a name of their own delegates.
        var name = "留痕测试" + Guid.NewGuid().ToString("N")[..6];
        var (a, aClient) = await factory.ColleagueAsync(displayName: name);
        var (b, _) = await factory.ColleagueAsync();
        var today = factory.Today();
        await aClient.DelegateAsync(null, b, today.AddDays(40), today.AddDays(41));
        var auditor = factory.CreateClientFor("ndrc.auditor");
        var query = $"actor={Uri.EscapeDataString(name[2..])}&action={AuditActions.DelegationCreate}";

        // Act
        var found = await (await auditor.GetAsync(new Uri($"/api/audit?{query}&pageSize=10", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        var export = await auditor.GetAsync(new Uri($"/api/audit/export.csv?{query}", UriKind.Relative));
        var refused = await factory.CreateClientFor("ndrc.planner").GetAsync(new Uri($"/api/audit?{query}", UriKind.Relative));
        var refusedExport = await factory.CreateClientFor("guangdong.lead").GetAsync(new Uri($"/api/audit/export.csv?{query}", UriKind.Relative));
        var badPage = await auditor.GetAsync(new Uri("/api/audit?pageSize=500", UriKind.Relative));

        // Assert
        var line = Assert.Single(found["items"]!.AsArray());
        Assert.Equal((a, AuditActions.DelegationCreate), (line!["actor"].Str(), line["action"].Str()));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        var csv = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, csv.Length);
        Assert.StartsWith("链序号,时间,操作人", csv[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(name, csv[1], StringComparison.Ordinal);
        Assert.Contains("设置代理", csv[1], StringComparison.Ordinal);
        Assert.DoesNotContain("delegation.create", csv[1], StringComparison.Ordinal);
        await refused.ExpectAsync(HttpStatusCode.Forbidden);
        await refusedExport.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Contains("pageSize", (await badPage.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }
}
