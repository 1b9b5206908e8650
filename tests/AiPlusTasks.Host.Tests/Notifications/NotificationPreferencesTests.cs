using System.Net;
using System.Net.Http.Json;

namespace AiPlusTasks.Host.Tests.Notifications;

/// <summary>Each person's settings over HTTP: invalid ones are a 400 naming each field and change nothing; valid ones take effect.</summary>
public sealed class NotificationPreferencesTests(NotificationHostFactory factory) : IClassFixture<NotificationHostFactory>
{
    private const string Preferences = NotificationApi.Notifications + "/preferences";

    private readonly HttpClient _planner = factory.CreateClientFor();

    [Fact]
    public async Task SavePreferences_Invalid_Returns400NamingEachField_AndKeepsTheSettings()
    {
        // Arrange
        var staff = factory.CreateClientFor("hunan.staff");
        var before = await staff.GetJsonAsync(Preferences);

        // Act
        var response = await staff.PutAsJsonAsync(Preferences, new
        {
            language = "fr",
            channels = new Dictionary<string, string[]> { ["urge"] = ["email", "pigeon"], ["gossip"] = ["email"], ["issued"] = ["in-app"] },
            quietHours = new { enabled = true, from = "25:00", to = "8am" },
        });
        var same = await staff.PutAsJsonAsync(Preferences, new { quietHours = new { enabled = true, from = "08:00", to = "08:00" } });

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["channels.gossip", "channels.issued", "channels.urge", "language", "quietHours.from", "quietHours.to"], problem.ErrorKeys().Order());
        Assert.Equal(["quietHours.to"], (await same.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(before.ToJsonString(), (await staff.GetJsonAsync(Preferences)).ToJsonString());
        Assert.Equal(("zh", true, "22:00", "08:00"), (before["language"].Str(), before["quietHours"]!["enabled"]!.GetValue<bool>(), before["quietHours"]!["from"].Str(), before["quietHours"]!["to"].Str()));
        Assert.Equal(["email", "sms"], before["channels"]!["urge"]!.AsArray().Select(c => c.Str()));
    }

    [Fact]
    public async Task SavePreferences_EmailOffForIssued_EnglishChosen_InAppOnlyAndInEnglish()
    {
        // Arrange: hubei's staff wants English, and no e-mail for new tasks.
        var staff = factory.CreateClientFor("hubei.staff");
        var saved = await (await staff.PutAsJsonAsync(Preferences, new { language = "en", channels = new Dictionary<string, string[]> { ["issued"] = [] } })).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(saved["channels"]!["issued"]!.AsArray());

        // Act
        var (_, taskId) = await _planner.StartHumanTaskAsync(title: "人工智能+交通试点", agency: "hubei");

        // Assert: in-app, in English; no e-mail queued for it.
        var notification = Assert.Single(await staff.WaitForAsync(taskId));
        Assert.StartsWith("New task: ", notification["title"].Str());
        Assert.Contains("Hubei", notification["body"].Str());
        var deliveries = await _planner.DeliveriesOfAsync("hubei.staff");
        Assert.DoesNotContain(deliveries, d => d!["notificationId"]!.GetValue<long>() == notification["id"]!.GetValue<long>());
    }
}
