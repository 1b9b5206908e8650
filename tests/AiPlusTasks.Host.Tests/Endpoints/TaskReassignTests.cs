using System.Net;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary><c>POST /api/tasks/{id}/reassign</c>: leads within their agency, NDRC staff across agencies.</summary>
public sealed class TaskReassignTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _staff = factory.CreateClientFor("guangdong.staff");
    private readonly HttpClient _lead = factory.CreateClientFor("guangdong.lead");
    private readonly HttpClient _hubei = factory.CreateClientFor("hubei.staff");

    [Fact]
    public async Task ReassignTask_AgencyStaff_Returns403()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await _staff.TaskActionAsync(taskId, "reassign", new { user = "guangdong.lead" });

        // Assert
        await response.ExpectAsync(HttpStatusCode.Forbidden);
        var task = await _staff.GetJsonAsync($"{HttpApi.Tasks}/{taskId}");
        Assert.Null(task["summary"]!["assigneeUser"]);
    }

    [Fact]
    public async Task ReassignTask_LeadToAUserOfTheAgency_Returns200AndPutsItInTheirMineView()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        await (await _lead.TaskActionAsync(taskId, "claim")).ExpectAsync(HttpStatusCode.OK);

        // Act
        var response = await _lead.TaskActionAsync(taskId, "reassign", new { user = "guangdong.staff" });

        // Assert
        var task = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("guangdong.staff", task["summary"]!["assigneeUser"].Str());
        Assert.Equal("guangdong", task["summary"]!["agencyCode"].Str());
        Assert.Equal("Open", task["summary"]!["state"].Str());
        Assert.Null(task["summary"]!["claimedBy"]);
        var reassigned = task["history"]!.AsArray()[^1]!;
        Assert.Equal("Reassigned", reassigned["action"].Str());
        Assert.Equal("guangdong.lead", reassigned["actor"].Str());
        Assert.Equal("guangdong.staff", reassigned["data"]!["toUser"].Str());
        var mine = await _staff.GetJsonAsync($"{HttpApi.Tasks}?view=mine&pageSize=200");
        Assert.Contains(mine["items"]!.AsArray(), t => t!["id"].Str() == taskId);
    }

    [Fact]
    public async Task ReassignTask_LeadToAnotherAgency_Returns403()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await _lead.TaskActionAsync(taskId, "reassign", new { agency = "hubei" });

        // Assert
        await response.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("guangdong", (await _lead.GetJsonAsync($"{HttpApi.Tasks}/{taskId}"))["summary"]!["agencyCode"].Str());
    }

    [Fact]
    public async Task ReassignTask_NdrcPlannerToAnotherAgency_MovesTheTaskToThatAgencysInbox()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await _planner.TaskActionAsync(taskId, "reassign", new { agency = "hubei" });

        // Assert
        var task = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("hubei", task["summary"]!["agencyCode"].Str());
        var reassigned = task["history"]!.AsArray()[^1]!;
        Assert.Equal("guangdong", reassigned["data"]!["fromAgency"].Str());
        Assert.Equal("hubei", reassigned["data"]!["toAgency"].Str());
        var hubeiInbox = await _hubei.GetJsonAsync($"{HttpApi.Tasks}?pageSize=200");
        Assert.Contains(hubeiInbox["items"]!.AsArray(), t => t!["id"].Str() == taskId);
        await _hubei.GetJsonAsync($"{HttpApi.Tasks}/{taskId}");
        var guangdongInbox = await _staff.GetJsonAsync($"{HttpApi.Tasks}?view=all&pageSize=200");
        Assert.DoesNotContain(guangdongInbox["items"]!.AsArray(), t => t!["id"].Str() == taskId);
        await (await _staff.GetRawAsync($"{HttpApi.Tasks}/{taskId}")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReassignTask_NoAgencyOrUser_Returns400NamingAgency()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await _lead.TaskActionAsync(taskId, "reassign", new { });

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["agency"], problem.ErrorKeys());
    }

    [Fact]
    public async Task ReassignTask_NdrcPlannerToAnAgencyNotInTheDirectory_Returns400NamingAgency()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await _planner.TaskActionAsync(taskId, "reassign", new { agency = "atlantis" });

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["agency"], problem.ErrorKeys());
    }

    [Fact]
    public async Task ReassignTask_LeadToAUserOfAnotherAgency_Returns400NamingUser()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await _lead.TaskActionAsync(taskId, "reassign", new { user = "hubei.staff" });

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["user"], problem.ErrorKeys());
    }
}
