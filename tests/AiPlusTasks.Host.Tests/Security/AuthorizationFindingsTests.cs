using System.Net;
using System.Net.Http.Json;

namespace AiPlusTasks.Host.Tests.Security;

/// <summary>
/// Issue 17's authorization findings, each through the HTTP API: API keys reading webhook delivery logs, two keys with
/// one name sharing an identity, the reassign route telling which user names exist. (Plans for agencies and definition
/// authoring by supervisors: <see cref="AuthorizationMatrixTests"/>.)
/// </summary>
[Trait("Category", "Security")]
public sealed class AuthorizationFindingsTests(MatrixFixture fixture) : IClassFixture<MatrixFixture>
{
    [Fact]
    public async Task WebhookSubscriptionsAndDeliveryLogs_WithAnApiKey_Return403()
    {
        // Arrange: guangdong's subscription with a failed delivery (a receiver's error in its log).
        var (subscriptionId, _) = await fixture.FailedDeliveryAsync("guangdong");
        var system = await fixture.ApiClientAsync("agency-system");

        // Act
        var list = await system.GetRawAsync("/api/webhook-subscriptions");
        var one = await system.GetRawAsync($"/api/webhook-subscriptions/{subscriptionId}");
        var log = await system.GetRawAsync($"/api/webhook-subscriptions/{subscriptionId}/deliveries");

        // Assert
        await list.ExpectAsync(HttpStatusCode.Forbidden);
        await one.ExpectAsync(HttpStatusCode.Forbidden);
        var refusal = await log.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain("connection refused", refusal.ToJsonString(), StringComparison.Ordinal);
        await (await fixture.CreateClientFor("guangdong.staff").GetRawAsync($"/api/webhook-subscriptions/{subscriptionId}/deliveries")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CreateApiKey_ASecondLiveKeyWithTheName_Returns409_UntilTheFirstIsRevoked()
    {
        // Arrange
        var lead = fixture.CreateClientFor("guangdong.lead");
        var (_, firstId) = await lead.CreateApiKeyAsync("gd-oa-twin");

        // Act
        var twin = await lead.PostAsJsonAsync(InboundApi.ApiKeys, new { name = "gd-oa-twin" });
        await (await lead.DeleteAsync(new Uri($"{InboundApi.ApiKeys}/{firstId}", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        var afterRevoking = await lead.PostAsJsonAsync(InboundApi.ApiKeys, new { name = "gd-oa-twin" });

        // Assert
        Assert.Contains("gd-oa-twin", (await twin.ExpectAsync(HttpStatusCode.Conflict))["detail"].Str(), StringComparison.Ordinal);
        await afterRevoking.ExpectAsync(HttpStatusCode.Created);
        var hubeiTwin = await fixture.Planner.PostAsJsonAsync(InboundApi.ApiKeys, new { name = "gd-oa-twin", agency = "hubei" });
        await hubeiTwin.ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ApiKeys_OneNameInTwoAgenciesOrAcrossARotation_AreDifferentCallers()
    {
        // Arrange: "erp" in guangdong, "erp" in hubei, and guangdong's "erp" again after the first is revoked.
        var planner = fixture.Planner;
        var (guangdongKey, guangdongId) = await planner.CreateApiKeyAsync("erp", "guangdong");
        var (hubeiKey, _) = await planner.CreateApiKeyAsync("erp", "hubei");

        // Act
        var byGuangdong = await ReportedByAsync(guangdongKey, "guangdong");
        var byHubei = await ReportedByAsync(hubeiKey, "hubei");
        await (await planner.DeleteAsync(new Uri($"{InboundApi.ApiKeys}/{guangdongId}", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        var (rotatedKey, rotatedId) = await planner.CreateApiKeyAsync("erp", "guangdong");
        var byRotated = await ReportedByAsync(rotatedKey, "guangdong");

        // Assert: three callers, each named by its key; people see the name.
        Assert.Equal(3, new[] { byGuangdong, byHubei, byRotated }.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal($"system:erp:{guangdongId}", byGuangdong);
        Assert.Equal($"system:erp:{rotatedId}", byRotated);
    }

    [Fact]
    public async Task ReassignTask_SomeoneWhoMayNotReassign_GetsTheTasksAnswerWhateverTheUser()
    {
        // Arrange
        var hubeiTask = await fixture.StartTaskAsync("hubei");
        var ownTask = await fixture.StartTaskAsync("guangdong");
        var staff = fixture.CreateClientFor("guangdong.staff");

        // Act
        var otherUnknown = await staff.TaskActionAsync(hubeiTask, "reassign", new { user = "no-such-user-17" });
        var otherKnown = await staff.TaskActionAsync(hubeiTask, "reassign", new { user = "hubei.staff" });
        var ownUnknown = await staff.TaskActionAsync(ownTask, "reassign", new { user = "no-such-user-17" });
        var ownKnown = await staff.TaskActionAsync(ownTask, "reassign", new { user = "guangdong.lead" });

        // Assert: 404 for the task staff do not see, 403 for the one they see; the user never decides.
        await otherUnknown.ExpectAsync(HttpStatusCode.NotFound);
        await otherKnown.ExpectAsync(HttpStatusCode.NotFound);
        await ownUnknown.ExpectAsync(HttpStatusCode.Forbidden);
        await ownKnown.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ReassignTask_LeadNamingAnotherAgencysUserOrNobody_GetsOneAnswer()
    {
        // Arrange
        var lead = fixture.CreateClientFor("guangdong.lead");

        // Act
        var elsewhere = await (await lead.TaskActionAsync(await fixture.StartTaskAsync("guangdong"), "reassign", new { user = "hubei.staff" })).ExpectAsync(HttpStatusCode.BadRequest);
        var nobody = await (await lead.TaskActionAsync(await fixture.StartTaskAsync("guangdong"), "reassign", new { user = "hubei.stuff" })).ExpectAsync(HttpStatusCode.BadRequest);

        // Assert: the same words, but for the name the lead typed.
        Assert.Equal(["user"], elsewhere.ErrorKeys());
        Assert.Equal(elsewhere.ErrorText().Replace("hubei.staff", "X", StringComparison.Ordinal), nobody.ErrorText().Replace("hubei.stuff", "X", StringComparison.Ordinal));
    }

    private async Task<string> ReportedByAsync(string key, string agency)
    {
        var taskId = await fixture.StartTaskAsync(agency);
        var system = fixture.CreateClientWithKey(key);
        var task = await (await system.PostKeyedAsync($"{HttpApi.Tasks}/{taskId}/progress-reports", ScenarioForms.Report(60), $"report-{fixture.Next()}")).ExpectAsync(HttpStatusCode.OK);
        return task["reports"]!.AsArray().Single()!["reportedBy"].Str();
    }
}
