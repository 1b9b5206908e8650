using AiPlusTasks.Client;
using AiPlusTasks.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace AiPlusTasks.Host.Tests.Client;

/// <summary>
/// The generated client (src/Client) against the real Host, as an agency's integrator uses it: a lead signs in and
/// issues an API key; the agency's system, with that key, finds its task, reports progress and completes it with an
/// <c>Idempotency-Key</c> each, a retried report is answered from the first; the planner sees the workflow finish.
/// Every call goes through Kiota's default handler chain (retries, redirects, header inspection).
/// </summary>
public sealed class TypedClientRoundTripTests : IClassFixture<HostFactory>
{
    private readonly HostFactory _factory;

    public TypedClientRoundTripTests(HostFactory factory) => _factory = factory;

    private Uri Server => _factory.Server.BaseAddress;

    private HttpClient Http() => _factory.CreateDefaultClient(KiotaClientFactory.CreateDefaultHandlers().ToArray());

    [Fact]
    public async Task AgencySystemRoundTrip_ApiKeyAndIdempotencyKeys_ReportsOnceCompletesAndTheWorkflowFinishes()
    {
        // Arrange: the planner publishes a workflow whose one task goes to guangdong, and starts it through the client.
        var planner = AiPlusTasksClients.WithSession(await SignInAsync("ndrc.planner"), Http());
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId).WithLiteral("report1", "assigneeAgency", "guangdong");
        await _factory.CreateClientFor().ImportAsync(definition);
        await planner.Api.WorkflowDefinitions[definitionId].Publish.PostAsync();
        var instance = await planner.Api.WorkflowInstances.PostAsync(new StartInstanceBody
        {
            DefinitionId = definitionId,
            CorrelationId = $"gd-{Guid.NewGuid():N}",
            Input = UntypedJson.Parse("""{"note":"第四季度进度"}"""),
        });
        var lead = AiPlusTasksClients.WithSession(await SignInAsync("guangdong.lead"), Http());
        var issued = await lead.Api.ApiKeys.PostAsync(new CreateApiKeyBody { Name = $"gd-sys-{Guid.NewGuid():N}"[..18] });
        var system = AiPlusTasksClients.WithApiKey(Server, issued!.Key!, Http());

        // Act: the agency system's side, with the key only.
        var taskId = Assert.Single(instance!.Bookmarks!, b => b.Kind == "HumanTask").Key!;
        var inbox = await system.Api.Tasks.GetAsync(q => q.QueryParameters.View = "all");
        var report = new ProgressReportBody { ProgressPercent = 60, Done = "完成 3 个试点园区的验收", SelfColour = TaskColour.Green, Confidence = 8 };
        var first = await system.Api.Tasks[taskId].ProgressReports.PostAsync(report, r => r.WithIdempotencyKey("gd-report-2026-12-15"));
        var replayHeaders = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var retried = await system.Api.Tasks[taskId].ProgressReports.PostAsync(report, r =>
        {
            r.WithIdempotencyKey("gd-report-2026-12-15");
            r.Options.Add(replayHeaders);
        });
        var completed = await system.Api.Tasks[taskId].Complete.PostAsync(
            new CompleteBody { Outcome = "Submitted", Data = UntypedJson.Parse("""{"progress":60}""") },
            r => r.WithIdempotencyKey("gd-complete-2026-12-15"));

        // Assert
        Assert.Contains(inbox!.Items!, t => t.Id == taskId);
        Assert.All(inbox.Items!, t => Assert.Equal("guangdong", t.AgencyCode));
        Assert.Equal(60, Assert.Single(first!.Reports!).ProgressPercent);
        Assert.Single(retried!.Reports!);
        Assert.True(replayHeaders.ResponseHeaders.ContainsKey("Idempotent-Replayed"), "the retried report is answered from the first");
        Assert.Equal(TaskState.Completed, completed!.Summary!.State);
        Assert.StartsWith("system:", completed.CompletedBy, StringComparison.Ordinal);
        var finished = await planner.Api.WorkflowInstances[instance!.Id!].GetAsync();
        Assert.Equal(WorkflowStatus.Finished, finished!.Status);
        var seenByPlanner = await planner.Api.Tasks[taskId].GetAsync();
        Assert.Equal(60, Assert.Single(seenByPlanner!.Reports!).ProgressPercent);
    }

    [Fact]
    public async Task ApiKeyWrite_WithoutAnIdempotencyKey_IsRefusedWith400AndStoresNothing()
    {
        // Arrange
        var (_, taskId) = await _factory.CreateClientFor().StartHumanTaskAsync(agency: "guangdong");
        var lead = AiPlusTasksClients.WithSession(await SignInAsync("guangdong.lead"), Http());
        var issued = await lead.Api.ApiKeys.PostAsync(new CreateApiKeyBody { Name = $"gd-nokey-{Guid.NewGuid():N}"[..18] });
        var system = AiPlusTasksClients.WithApiKey(Server, issued!.Key!, Http());

        // Act
        var refused = await Assert.ThrowsAnyAsync<ApiException>(() =>
            system.Api.Tasks[taskId].ProgressReports.PostAsync(new ProgressReportBody { ProgressPercent = 10, Done = "开始" }));

        // Assert
        Assert.Equal(400, refused.ResponseStatusCode);
        Assert.Empty((await _factory.CreateClientFor().ReportsAsync(taskId)));
    }

    [Fact]
    public async Task SignIn_WrongPassword_ThrowsThe401AndTheSessionRenewsAnExpiredToken()
    {
        // Act
        var wrong = await Assert.ThrowsAnyAsync<ApiException>(() =>
            SignInSession.SignInAsync(Server, "ndrc.planner", "not-the-password", httpClient: Http()));
        var session = await SignInAsync("ndrc.supervisor");
        var kept = session.Tokens;
        var resumed = SignInSession.Resume(Server, kept with { AccessTokenExpires = DateTimeOffset.UnixEpoch }, Http(), _factory.Time);
        SessionTokens? renewed = null;
        resumed.TokensRenewed += (_, tokens) => renewed = tokens;
        var plans = await AiPlusTasksClients.WithSession(resumed, Http()).Api.Plans.GetAsync();

        // Assert
        Assert.Equal(401, wrong.ResponseStatusCode);
        Assert.NotEmpty(plans!.Items!);
        Assert.NotNull(renewed);
        Assert.NotEqual(kept.AccessToken, renewed.AccessToken);
        Assert.Equal(renewed, resumed.Tokens);
    }

    private Task<SignInSession> SignInAsync(string user) =>
        SignInSession.SignInAsync(Server, user, HostFactory.Password, httpClient: Http(), time: _factory.Time);
}
