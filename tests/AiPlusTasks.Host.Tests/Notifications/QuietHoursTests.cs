using System.Globalization;

namespace AiPlusTasks.Host.Tests.Notifications;

/// <summary>
/// Quiet hours (22:00–08:00 China time by default): e-mail and SMS made at night wait until 08:00, in-app notifications
/// do not, and a 约谈 or 通报 is sent at once.
/// </summary>
public sealed class QuietHoursTests(QuietHoursHostFactory factory) : IClassFixture<QuietHoursHostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _staff = factory.CreateClientFor("sichuan.staff");
    private readonly HttpClient _lead = factory.CreateClientFor("sichuan.lead");

    [Fact]
    public async Task NightEvents_InAppAtOnce_EmailAndSmsHeldUntil0800_ExceptInterviewAndCircular()
    {
        // Act: at 23:00 a task 31 days late is issued to sichuan: issued, four rungs and the circular.
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId)
            .WithLiteral("report1", "title", "人工智能+能源试点")
            .WithLiteral("report1", "assigneeAgency", "sichuan")
            .WithLiteral("report1", "dueAt", factory.Time.GetUtcNow().AddDays(-31).ToString("O", CultureInfo.InvariantCulture))
            .WithLiteral("report1", "escalation", "default");
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);
        var taskId = Assert.Single((await _planner.StartAsync(definitionId))["bookmarks"]!.AsArray(), b => b!["kind"].Str() == "HumanTask")!["key"].Str();

        // Assert: in-app at once.
        Assert.Equal(["issued", "reminder", "urge", "notice", "interview", "circular"], (await _staff.WaitForAsync(taskId, 6)).Select(n => n["kind"].Str()));
        Assert.Equal(["interview", "circular"], (await _lead.WaitForAsync(taskId, 2)).Select(n => n["kind"].Str()));

        // The interview and circular go out by e-mail at night; the rest is held until 08:00.
        var staffEmail = NotificationHostFactory.EmailOf("sichuan.staff");
        await Eventually.TrueAsync(() => Task.FromResult(factory.Email.To(staffEmail).Count >= 2), "the interview's and circular's e-mails");
        await Task.Delay(300);
        Assert.Equal(["约谈通知：人工智能+能源试点", "通报：人工智能+能源试点"], factory.Email.To(staffEmail).Select(m => m.Subject).Order());
        var held = (await _planner.DeliveriesOfAsync("sichuan.staff")).Where(d => d!["state"].Str() == "Held").ToList();
        Assert.Equal(6, held.Count); // e-mail for issued, reminder, urge and notice; SMS for urge and notice
        Assert.All(held, d => Assert.Equal(QuietHoursHostFactory.Morning, DateTimeOffset.Parse(d!["nextAttemptAt"].Str(), CultureInfo.InvariantCulture)));

        // Act: 08:00.
        factory.Time.SetUtcNow(QuietHoursHostFactory.Morning.AddSeconds(1));

        // Assert: the held ones go out.
        await Eventually.TrueAsync(() => Task.FromResult(factory.Email.To(staffEmail).Count == 6), () => $"6 e-mails, got {factory.Email.To(staffEmail).Count}");
        await Eventually.TrueAsync(async () => (await _planner.DeliveriesOfAsync("sichuan.staff")).All(d => d!["state"].Str() == "Sent"), "every delivery sent");
    }
}
