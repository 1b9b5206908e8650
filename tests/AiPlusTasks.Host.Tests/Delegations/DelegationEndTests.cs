using System.Net;

namespace AiPlusTasks.Host.Tests.Delegations;

/// <summary>A delegation ends by itself: the day after its range, the delegator's tasks leave the substitute's inbox (a host of its own, since it moves the clock).</summary>
public sealed class DelegationEndTests(HostFactory factory) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task Inbox_AfterTheRange_TheDelegatedTaskLeavesTheSubstitutesInbox_AndTheyNoLongerActForTheDelegator()
    {
        // Arrange: a week from today (China time).
        var (from, fromClient) = await factory.ColleagueAsync();
        var (to, toClient) = await factory.ColleagueAsync();
        var taskId = await factory.CreateClientFor().StartAssignedTaskAsync(from);
        var today = factory.Today();
        var made = await fromClient.DelegateAsync(null, to, today.AddDays(1), today.AddDays(7));
        Assert.Equal("Upcoming", made["state"].Str());
        Assert.DoesNotContain(await toClient.MineAsync(), t => t!["id"].Str() == taskId);

        // Act
        factory.Time.Advance(TimeSpan.FromDays(7));
        var inRange = await toClient.MineAsync();
        factory.Time.Advance(TimeSpan.FromDays(1));
        var after = await toClient.MineAsync();
        var listed = await fromClient.GetJsonAsync(DelegationApi.Delegations);
        var claimed = await (await toClient.TaskActionAsync(taskId, "claim")).ExpectAsync(HttpStatusCode.OK);

        // Assert
        Assert.Equal(from, Assert.Single(inRange, t => t!["id"].Str() == taskId)!["actingFor"].Str());
        Assert.DoesNotContain(after, t => t!["id"].Str() == taskId);
        Assert.Equal("Ended", Assert.Single(listed["items"]!.AsArray(), d => d!["id"].Str() == made["id"].Str())!["state"].Str());

        // Any colleague may still claim the open task, but in their own name: nobody acts for the delegator any more.
        Assert.Equal(to, claimed["summary"]!["claimedBy"].Str());
        Assert.Null(claimed["summary"]!["actingFor"]);
        Assert.Null(claimed["history"]!.AsArray()[^1]!["actingFor"]);
    }
}
