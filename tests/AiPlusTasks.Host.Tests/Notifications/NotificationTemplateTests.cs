using System.Net;
using System.Net.Http.Json;

namespace AiPlusTasks.Host.Tests.Notifications;

/// <summary>Templates over HTTP: NDRC only, a preview with a sample task, saving (used by the next notification), reset, and the SMS length rule.</summary>
public sealed class NotificationTemplateTests(NotificationHostFactory factory) : IClassFixture<NotificationHostFactory>
{
    private const string IssuedInAppZh = NotificationApi.Templates + "/issued/in-app/zh";

    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _supervisor = factory.CreateClientFor("ndrc.supervisor");
    private readonly HttpClient _staff = factory.CreateClientFor("zhejiang.staff");

    [Fact]
    public async Task Templates_ForbiddenToStaff()
    {
        await (await _staff.GetRawAsync(NotificationApi.Templates)).ExpectAsync(HttpStatusCode.Forbidden);
        await (await _staff.PutAsJsonAsync(IssuedInAppZh, new { subject = "x", body = "y" })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await _staff.DeleteAsync(new Uri(IssuedInAppZh, UriKind.Relative))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await _staff.PostAsJsonAsync($"{NotificationApi.Templates}/preview", new { kind = "issued", channel = "sms", language = "zh" })).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PreviewAndList_RenderTheSampleTask_EveryTemplateListed()
    {
        // Act
        var list = (await _supervisor.GetJsonAsync(NotificationApi.Templates)).AsArray();
        var preview = await (await _supervisor.PostAsJsonAsync($"{NotificationApi.Templates}/preview", new { kind = "urge", channel = "sms", language = "zh", body = "催办：「{title}」截止{due}。{message}" })).ExpectAsync(HttpStatusCode.OK);

        // Assert
        Assert.Equal(9 * 3 * 2, list.Count);
        Assert.All(list, t => Assert.True(t!["isDefault"]!.GetValue<bool>()));
        Assert.Equal("催办：「人工智能+制造业应用中试基地建设」截止2026年12月31日 18:00。请于本周内报送进展", preview["body"].Str());
        Assert.Equal(1, preview["smsSegments"].Int());
        Assert.Null(preview["subject"]);
    }

    [Fact]
    public async Task SaveTemplate_Invalid_Returns400NamingTheField()
    {
        // Act
        var tooLong = await _planner.PutAsJsonAsync(NotificationApi.Templates + "/urge/sms/zh", new { body = new string('催', 320) + "{title}" });
        var unknown = await _planner.PutAsJsonAsync(IssuedInAppZh, new { subject = "新任务 {name}", body = "{title} {colour}" });
        var noBody = await _planner.PutAsJsonAsync(IssuedInAppZh, new { subject = "新任务" });
        var noSuchKind = await _planner.PutAsJsonAsync(NotificationApi.Templates + "/gossip/email/zh", new { subject = "x", body = "y" });
        var previewTooLong = await _planner.PostAsJsonAsync($"{NotificationApi.Templates}/preview", new { kind = "urge", channel = "sms", language = "zh", body = new string('催', 400) });

        // Assert
        Assert.Equal(["body"], (await tooLong.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["body", "subject"], (await unknown.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys().Order());
        Assert.Equal(["body"], (await noBody.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        await noSuchKind.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(["body"], (await previewTooLong.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.True((await _planner.GetJsonAsync(NotificationApi.Templates)).AsArray().All(t => t!["isDefault"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task SaveTemplate_UsedByTheNextNotification_ResetBringsTheDefaultBack()
    {
        // Act: the planner changes the Chinese in-app text of a new task.
        var saved = await (await _planner.PutAsJsonAsync(IssuedInAppZh, new { subject = "【下达】{title}", body = "请{agency}于{due}前办结。" })).ExpectAsync(HttpStatusCode.OK);
        var (_, taskId) = await _planner.StartHumanTaskAsync(title: "人工智能+金融试点", agency: "zhejiang");

        // Assert
        Assert.Equal(("ndrc.planner", false), (saved["updatedBy"].Str(), saved["isDefault"]!.GetValue<bool>()));
        var notification = Assert.Single(await _staff.WaitForAsync(taskId));
        Assert.Equal("【下达】人工智能+金融试点", notification["title"].Str());
        Assert.StartsWith("请浙江省于", notification["body"].Str());

        // Act: reset.
        var reset = await (await _planner.DeleteAsync(new Uri(IssuedInAppZh, UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        var (_, second) = await _planner.StartHumanTaskAsync(title: "人工智能+金融试点二期", agency: "zhejiang");

        // Assert
        Assert.Equal(("新任务：{title}", true), (reset["subject"].Str(), reset["isDefault"]!.GetValue<bool>()));
        Assert.Equal("新任务：人工智能+金融试点二期", Assert.Single(await _staff.WaitForAsync(second))["title"].Str());
    }
}
