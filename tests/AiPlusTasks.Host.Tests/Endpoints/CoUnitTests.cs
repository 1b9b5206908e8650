using System.Net;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// Lead and co-units on one task (主办/协办) over HTTP: guangdong leads the fixture's report step, MOST and the NDA are its
/// co-units; <c>POST /api/tasks/{id}/complete</c> is gated on their parts unless guangdong's lead overrides with a reason.
/// </summary>
public sealed class CoUnitTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _staff = factory.CreateClientFor("guangdong.staff");
    private readonly HttpClient _lead = factory.CreateClientFor("guangdong.lead");
    private readonly HttpClient _most = factory.CreateClientFor("most.staff");
    private readonly HttpClient _nda = factory.CreateClientFor("nda.staff");
    private readonly HttpClient _hubei = factory.CreateClientFor("hubei.staff");

    /// <summary>Starts the fixture's report step at guangdong with MOST and the NDA as co-units; the lead's task id and each co-unit's part.</summary>
    private async Task<(string InstanceId, string LeadTask, string MostPart, string NdaPart)> StartAsync()
    {
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId).WithLiteral("report1", "coUnits", "most,nda");
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);
        var instance = await _planner.StartAsync(definitionId);
        var lead = await _staff.GetJsonAsync($"{HttpApi.Tasks}/{instance["bookmarks"]!.AsArray().First(b => b!["kind"].Str() == "HumanTask")!["key"].Str()}");
        var leadTask = lead["parent"] is null ? lead["summary"]!["id"].Str() : lead["parent"]!["taskId"].Str();
        var view = await _staff.GetJsonAsync($"{HttpApi.Tasks}/{leadTask}");
        var parts = view["coUnits"]!.AsArray().ToDictionary(c => c!["agency"].Str(), c => c!["taskId"].Str());
        return (instance["id"].Str(), leadTask, parts["most"], parts["nda"]);
    }

    private static object Submit(int progress, string? overrideReason = null) => overrideReason is null
        ? new { outcome = "Submitted", data = new JsonObject { ["progress"] = progress } }
        : new { outcome = "Submitted", data = new JsonObject { ["progress"] = progress }, coUnitOverride = new { reason = overrideReason } };

    [Fact]
    public async Task CoUnitReports_LeadSeesItsStateAndProgressInTheTaskView()
    {
        var (_, leadTask, mostPart, _) = await StartAsync();

        // The co-unit finds its part in its own inbox, with the lead's task and unit named.
        var inbox = (await _most.GetJsonAsync(HttpApi.Tasks))["items"]!.AsArray();
        Assert.Equal(("contribution", "most"), (Assert.Single(inbox, t => t!["id"].Str() == mostPart)!["kind"].Str(), "most"));
        var part = await _most.GetJsonAsync($"{HttpApi.Tasks}/{mostPart}");
        Assert.Equal((leadTask, "guangdong"), (part["parent"]!["taskId"].Str(), part["parent"]!["leadAgency"].Str()));
        await (await _hubei.GetRawAsync($"{HttpApi.Tasks}/{mostPart}")).ExpectAsync(HttpStatusCode.NotFound);

        await (await _most.TaskActionAsync(mostPart, "complete", Submit(60))).ExpectAsync(HttpStatusCode.OK);

        var lead = await _staff.GetJsonAsync($"{HttpApi.Tasks}/{leadTask}");
        Assert.Equal("Open", lead["summary"]!["state"].Str());
        var coUnits = lead["coUnits"]!.AsArray();
        Assert.Equal(["most", "nda"], coUnits.Select(c => c!["agency"].Str()));
        Assert.Equal(("Completed", "most.staff", mostPart), (coUnits[0]!["state"].Str(), coUnits[0]!["reportedBy"].Str(), coUnits[0]!["taskId"].Str()));
        Assert.NotNull(coUnits[0]!["reportedAt"]);
        Assert.Equal("Open", coUnits[1]!["state"].Str());
        Assert.Contains(lead["history"]!.AsArray(), h => h!["action"].Str() == "CoUnitReported" && h["actor"].Str() == "most.staff");

        // The lead unit may open its co-unit's part but not act on it.
        Assert.Equal("Completed", (await _staff.GetJsonAsync($"{HttpApi.Tasks}/{mostPart}"))["summary"]!["state"].Str());
    }

    [Fact]
    public async Task LeadSubmits_BeforeCoUnitsReported_Returns409NamingThePendingCoUnits()
    {
        var (instanceId, leadTask, mostPart, _) = await StartAsync();
        await (await _most.TaskActionAsync(mostPart, "complete", Submit(60))).ExpectAsync(HttpStatusCode.OK);

        var problem = await (await _staff.TaskActionAsync(leadTask, "complete", Submit(80))).ExpectAsync(HttpStatusCode.Conflict);

        Assert.Contains("(nda)", problem["detail"].Str(), StringComparison.Ordinal);
        Assert.DoesNotContain("(most)", problem["detail"].Str(), StringComparison.Ordinal);
        Assert.Equal("Open", (await _staff.GetJsonAsync($"{HttpApi.Tasks}/{leadTask}"))["summary"]!["state"].Str());
        Assert.Equal("Suspended", (await _planner.GetJsonAsync($"{HttpApi.Instances}/{instanceId}"))["status"].Str());
    }

    [Fact]
    public async Task LeadsLead_OverridesWithAReason_TaskSubmitsAndOpenPartsAreCancelled()
    {
        var (instanceId, leadTask, _, ndaPart) = await StartAsync();

        var done = await (await _lead.TaskActionAsync(leadTask, "complete", Submit(80, "协办单位材料已线下报送"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Completed", done["summary"]!["state"].Str());
        var overridden = Assert.Single(done["history"]!.AsArray(), h => h!["action"].Str() == "CoUnitsOverridden")!;
        Assert.Equal(("guangdong.lead", "协办单位材料已线下报送"), (overridden["actor"].Str(), overridden["data"]!["reason"].Str()));
        Assert.Equal(["most", "nda"], overridden["data"]!["pending"]!.AsArray().Select(a => a.Str()));
        Assert.All(done["coUnits"]!.AsArray(), c => Assert.Equal("Cancelled", c!["state"].Str()));
        var part = await _nda.GetJsonAsync($"{HttpApi.Tasks}/{ndaPart}");
        Assert.Equal("主办单位已提交", Assert.Single(part["history"]!.AsArray(), h => h!["action"].Str() == "Cancelled")!["data"]!["reason"].Str());
        await (await _nda.TaskActionAsync(ndaPart, "complete", Submit(10))).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Finished", (await _planner.GetJsonAsync($"{HttpApi.Instances}/{instanceId}"))["status"].Str());
    }

    [Fact]
    public async Task StaffOverride_Returns403_AndTheTaskStaysOpen()
    {
        var (_, leadTask, _, _) = await StartAsync();

        await (await _staff.TaskActionAsync(leadTask, "complete", Submit(80, "不等了"))).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Equal("Open", (await _staff.GetJsonAsync($"{HttpApi.Tasks}/{leadTask}"))["summary"]!["state"].Str());
    }

    [Theory]
    [InlineData("""{ "outcome": "Submitted", "data": { "progress": 80 }, "coUnitOverride": { "reason": "  " } }""")]
    [InlineData("""{ "outcome": "Submitted", "data": { "progress": 80 }, "coUnitOverride": {} }""")]
    public async Task Override_WithBlankReason_Returns400NamingTheField(string body)
    {
        var (_, leadTask, _, _) = await StartAsync();

        var problem = await (await _lead.PostJsonTextAsync($"{HttpApi.Tasks}/{leadTask}/complete", body)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["coUnitOverride.reason"], problem.ErrorKeys());
    }

    [Fact]
    public async Task CoUnits_NamingAnUnknownAgency_FaultTheActivityNamingTheInput_AndIssueNoTask()
    {
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId)
            .WithLiteral("report1", "coUnits", "most,atlantis").WithLiteral("report1", "title", "co-unit-fault");
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);

        var instance = await _planner.StartAsync(definitionId);

        Assert.Equal("Faulted", instance["status"].Str());
        var incident = Assert.Single(instance["incidents"]!.AsArray())!;
        Assert.Equal("report1", incident["activityId"].Str());
        Assert.Contains("'coUnits'", incident["message"].Str(), StringComparison.Ordinal);
        Assert.Contains("atlantis", incident["message"].Str(), StringComparison.Ordinal);
        Assert.Empty(instance["bookmarks"]!.AsArray());
        Assert.DoesNotContain((await _planner.GetJsonAsync($"{HttpApi.Tasks}?view=all&pageSize=200&q=co-unit-fault"))["items"]!.AsArray(), t => t!["state"].Str() == "Open");
    }

    [Fact]
    public async Task CoUnitPart_IsTheCoUnitsToAct_TheLeadUnitGets403()
    {
        var (_, _, mostPart, _) = await StartAsync();

        await (await _staff.TaskActionAsync(mostPart, "complete", Submit(50))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await _staff.TaskActionAsync(mostPart, "claim")).ExpectAsync(HttpStatusCode.Forbidden);
    }
}
