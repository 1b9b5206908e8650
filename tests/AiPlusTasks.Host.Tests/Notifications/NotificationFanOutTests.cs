using System.Net;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Notifications;

/// <summary>
/// Task events become notifications for the right people over HTTP: an issued task reaches its agency's staff (in-app
/// and by e-mail), a return reaches the submitter with the reason, an approval reaches whoever submitted, a late task's
/// 约谈 reaches the agency's lead as well; the delivery log is NDRC's and shows addresses masked.
/// </summary>
public sealed class NotificationFanOutTests(NotificationHostFactory factory) : IClassFixture<NotificationHostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _staff = factory.CreateClientFor("guangdong.staff");
    private readonly HttpClient _lead = factory.CreateClientFor("guangdong.lead");
    private readonly HttpClient _miitLead = factory.CreateClientFor("miit.lead");

    [Fact]
    public async Task IssueTask_NotifiesTheAgencysStaffInAppAndByEmail_NotTheLead()
    {
        // Act
        var (_, taskId) = await _planner.StartHumanTaskAsync(title: "人工智能+制造业中试基地建设");

        // Assert: in-app, in Chinese, linking to the task; counted as unread.
        var notification = Assert.Single(await _staff.WaitForAsync(taskId));
        Assert.Equal(("issued", "新任务：人工智能+制造业中试基地建设", $"/tasks/{taskId}"), (notification["kind"].Str(), notification["title"].Str(), notification["link"].Str()));
        Assert.Contains("广东省", notification["body"].Str());
        Assert.Null(notification["readAt"]);
        Assert.True((await _staff.GetJsonAsync($"{NotificationApi.Notifications}/unread-count"))["count"].Int() >= 1);
        Assert.Empty(await _lead.AboutAsync(taskId));

        // The e-mail: the same Chinese subject, an absolute link.
        var address = NotificationHostFactory.EmailOf("guangdong.staff");
        await Eventually.TrueAsync(() => Task.FromResult(factory.Email.To(address).Any(m => m.Body.Contains(taskId, StringComparison.Ordinal))), "the e-mail about the task");
        var email = factory.Email.To(address).Single(m => m.Body.Contains(taskId, StringComparison.Ordinal));
        Assert.Equal(("新任务：人工智能+制造业中试基地建设", "zh"), (email.Subject, email.Language));
        Assert.Contains($"https://aiplus.example.gov.cn/tasks/{taskId}", email.Body);
        Assert.DoesNotContain(factory.Sms.Accepted, m => m.Body.Contains("中试基地建设", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MarkRead_OwnNotificationIsRead_AnothersIsNotFound()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var id = Assert.Single(await _staff.WaitForAsync(taskId))["id"]!.GetValue<long>();

        // Act
        var byOther = await _lead.PostAsync(new Uri($"{NotificationApi.Notifications}/{id}/read", UriKind.Relative), null);
        var read = await (await _staff.PostAsync(new Uri($"{NotificationApi.Notifications}/{id}/read", UriKind.Relative), null)).ExpectAsync(HttpStatusCode.OK);
        var all = await (await _staff.PostAsync(new Uri($"{NotificationApi.Notifications}/read-all", UriKind.Relative), null)).ExpectAsync(HttpStatusCode.OK);

        // Assert
        await byOther.ExpectAsync(HttpStatusCode.NotFound);
        Assert.NotNull(read["readAt"]);
        Assert.True(all["count"].Int() >= 0);
        Assert.Equal(0, (await _staff.GetJsonAsync($"{NotificationApi.Notifications}/unread-count"))["count"].Int());
        Assert.Empty((await _staff.GetJsonAsync($"{NotificationApi.Notifications}?unreadOnly=true"))["items"]!.AsArray());
    }

    [Fact]
    public async Task ReturnAndApproval_TellTheSubmitter_TheReturnWithItsReason()
    {
        // Arrange: a province task refined and reported by guangdong's staff.
        var correlation = "NTF-" + Guid.NewGuid().ToString("N")[..8];
        await _planner.StartAsync("province-task", correlation, new JsonObject
        {
            ["agency"] = "guangdong",
            ["title"] = "人工智能+医疗试点",
            ["pillar"] = "action.industry.manufacturing",
            ["leadAgency"] = "miit",
            ["dueAt"] = "P30D",
        });
        await _staff.CompleteTaskAsync(await _staff.OpenCaseTaskAsync("task", correlation), "Submitted", new JsonObject { ["measures"] = "广州先行" });
        await _staff.CompleteTaskAsync(await _staff.OpenCaseTaskAsync("report", correlation), "Submitted", new JsonObject
        {
            ["done"] = "完成 45%", ["progressPercent"] = 45, ["selfColour"] = "Green", ["confidence"] = 7,
        });

        // Act: the unit's lead signs off (approves), the lead agency returns it with a reason.
        var signoff = await _lead.OpenCaseTaskAsync("signoff", correlation);
        await _lead.CompleteTaskAsync(signoff, "Approved", new JsonObject { ["opinion"] = "同意报送" });
        await _miitLead.CompleteTaskAsync(await _miitLead.OpenCaseTaskAsync("review", correlation), "Returned", new JsonObject { ["reason"] = "请补充验收报告" });
        var rework = await _staff.OpenCaseTaskAsync("report", correlation);

        // Assert: the submitter is told of the approval, and of the return with its reason on the rework task.
        var approved = Assert.Single(await _staff.WaitForAsync(signoff));
        Assert.Equal("approved", approved["kind"].Str());
        Assert.Matches("^审核通过：.*人工智能\\+医疗试点", approved["title"].Str());
        var returned = Assert.Single(await _staff.WaitForAsync(rework));
        Assert.Equal("returned", returned["kind"].Str());
        Assert.Matches("^任务退回：.*人工智能\\+医疗试点", returned["title"].Str());
        Assert.Contains("退回原因：请补充验收报告", returned["body"].Str());
        Assert.Equal(["issued"], (await _lead.AboutAsync(signoff)).Select(n => n["kind"].Str()));
    }

    [Fact]
    public async Task LateTask_EachRungNotifiesTheStaff_InterviewAlsoTheLead()
    {
        // Act: a task issued 16 days after its due date takes four rungs at once.
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId)
            .WithLiteral("report1", "title", "算力调度平台试点")
            .WithLiteral("report1", "dueAt", factory.Time.GetUtcNow().AddDays(-16).ToString("O", System.Globalization.CultureInfo.InvariantCulture))
            .WithLiteral("report1", "escalation", "default");
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);
        var instance = await _planner.StartAsync(definitionId);
        var taskId = Assert.Single(instance["bookmarks"]!.AsArray(), b => b!["kind"].Str() == "HumanTask")!["key"].Str();

        // Assert
        var staff = await _staff.WaitForAsync(taskId, 5);
        Assert.Equal(["issued", "reminder", "urge", "notice", "interview"], staff.Select(n => n["kind"].Str()));
        Assert.Equal("即将到期提醒：算力调度平台试点", staff[1]["title"].Str());
        var lead = Assert.Single(await _lead.WaitForAsync(taskId));
        Assert.Equal(("interview", "约谈通知：算力调度平台试点"), (lead["kind"].Str(), lead["title"].Str()));
        await Eventually.TrueAsync(() => Task.FromResult(factory.Sms.Accepted.Count(m => m.Body.Contains("算力调度平台试点", StringComparison.Ordinal)) >= 4), "SMS for urge, notice and interview (staff and lead)");
        Assert.All(factory.Sms.Accepted, m => Assert.True(m.Body.Length <= 335, m.Body));
    }

    [Fact]
    public async Task DeliveryLog_NdrcOnly_AddressesMasked()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync(title: "智能终端普及率监测");
        await _staff.WaitForAsync(taskId);

        // Act
        var forbidden = await _staff.GetRawAsync(NotificationApi.Deliveries);
        string text = "";
        await Eventually.TrueAsync(async () => (text = await (await _planner.GetRawAsync($"{NotificationApi.Deliveries}?user=guangdong.staff&channel=email&state=Sent&pageSize=200")).Content.ReadAsStringAsync()).Contains("\"sent\"", StringComparison.OrdinalIgnoreCase), "a sent e-mail in the log");
        var badState = await _planner.GetRawAsync($"{NotificationApi.Deliveries}?state=Lost");

        // Assert
        await forbidden.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal(["state"], (await badState.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        var rows = JsonNode.Parse(text)!["items"]!.AsArray();
        Assert.All(rows, r => Assert.Equal(("gu***@example.cn", "email", "Sent"), (r!["maskedAddress"].Str(), r["channel"].Str(), r["state"].Str())));
        Assert.DoesNotContain(NotificationHostFactory.EmailOf("guangdong.staff"), text);
        Assert.DoesNotContain(NotificationHostFactory.Mobile, text);
    }
}
