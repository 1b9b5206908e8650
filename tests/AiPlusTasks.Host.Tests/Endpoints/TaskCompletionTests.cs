using System.Net;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary><c>POST /api/tasks/{id}/complete</c>: outcome and schema checks, and the workflow resuming on the outcome's port.</summary>
public sealed class TaskCompletionTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _staff = factory.CreateClientFor("guangdong.staff");
    private readonly HttpClient _lead = factory.CreateClientFor("guangdong.lead");

    [Theory]
    [InlineData("""{ "outcome": "Approved", "data": { "progress": 60 } }""")]
    [InlineData("""{ "outcome": "submitted", "data": { "progress": 60 } }""")]
    [InlineData("""{ "data": { "progress": 60 } }""")]
    public async Task CompleteTask_OutcomeNotOneOfTheTasks_Returns400NamingOutcome(string body)
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await _staff.PostJsonTextAsync($"{HttpApi.Tasks}/{taskId}/complete", body);

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["outcome"], problem.ErrorKeys());
        Assert.Contains("Submitted", problem.ErrorText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "progress": 140 }""", "data/progress")]
    [InlineData("""{ "progress": -1 }""", "data/progress")]
    [InlineData("""{ "progress": 50.5 }""", "data/progress")]
    [InlineData("""{ "progress": "half" }""", "data/progress")]
    [InlineData("""{ "progress": 50, "note": 7 }""", "data/note")]
    [InlineData("""{ "note": "no progress" }""", "data/progress")]
    public async Task CompleteTask_DataViolatesTheSchema_Returns400NamingTheDataPath(string data, string path)
    {
        // Arrange
        var (instanceId, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await _staff.PostJsonTextAsync($"{HttpApi.Tasks}/{taskId}/complete", $$"""{ "outcome": "Submitted", "data": {{data}} }""");

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal([path], problem.ErrorKeys());
        var task = await _staff.GetJsonAsync($"{HttpApi.Tasks}/{taskId}");
        Assert.Equal("Open", task["summary"]!["state"].Str());
        Assert.Equal("Suspended", (await _planner.GetJsonAsync($"{HttpApi.Instances}/{instanceId}"))["status"].Str());
    }

    [Fact]
    public async Task CompleteTask_ValidSubmission_CompletesTheTaskAndFinishesTheWorkflowOnThatPort()
    {
        // Arrange
        var (instanceId, taskId) = await _planner.StartHumanTaskAsync();
        await (await _staff.TaskActionAsync(taskId, "claim")).ExpectAsync(HttpStatusCode.OK);

        // Act
        var response = await _staff.TaskActionAsync(taskId, "complete", new { outcome = "Submitted", data = new { progress = 60, note = "按期 on time" } });

        // Assert
        var task = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Completed", task["summary"]!["state"].Str());
        Assert.Equal("Submitted", task["outcome"].Str());
        Assert.Equal("guangdong.staff", task["completedBy"].Str());
        Assert.Equal(60, task["result"]!["progress"].Int());
        Assert.Equal(["Created", "Claimed", "Completed"], task["history"]!.AsArray().Select(h => h!["action"].Str()));
        var instance = await _planner.GetJsonAsync($"{HttpApi.Instances}/{instanceId}");
        Assert.Equal("Finished", instance["status"].Str());
        var journal = await _planner.JournalAsync(instanceId);
        var lines = journal.Where(e => e!["message"] is not null).Select(e => (Activity: e!["activityId"].Str(), Message: e["message"].Str())).ToList();
        Assert.Equal([("submitted1", "progress 60 by guangdong.staff")], lines);
    }

    [Fact]
    public async Task CompleteTask_WithdrawnByTheLead_FollowsTheWithdrawnPort()
    {
        // Arrange
        var (instanceId, taskId) = await _planner.StartHumanTaskAsync();
        await (await _staff.TaskActionAsync(taskId, "claim")).ExpectAsync(HttpStatusCode.OK);

        // Act
        var response = await _lead.TaskActionAsync(taskId, "complete", new { outcome = "Withdrawn", data = new { progress = 0 } });

        // Assert
        var task = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("guangdong.lead", task["completedBy"].Str());
        var journal = await _planner.JournalAsync(instanceId);
        Assert.Equal(["withdrawn"], journal.Where(e => e!["message"] is not null).Select(e => e!["message"].Str()));
        Assert.Equal("Finished", (await _planner.GetJsonAsync($"{HttpApi.Instances}/{instanceId}"))["status"].Str());
    }

    [Fact]
    public async Task CompleteTask_ClaimedByTheLead_Returns403ForStaff()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        await (await _lead.TaskActionAsync(taskId, "claim")).ExpectAsync(HttpStatusCode.OK);

        // Act
        var response = await _staff.TaskActionAsync(taskId, "complete", new { outcome = "Submitted", data = new { progress = 60 } });

        // Assert
        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CompleteTask_AlreadyCompleted_Returns409AndKeepsTheFirstResult()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        await (await _staff.TaskActionAsync(taskId, "complete", new { outcome = "Submitted", data = new { progress = 60 } })).ExpectAsync(HttpStatusCode.OK);

        // Act
        var response = await _staff.TaskActionAsync(taskId, "complete", new { outcome = "Submitted", data = new { progress = 70 } });

        // Assert
        await response.ExpectAsync(HttpStatusCode.Conflict);
        var task = await _staff.GetJsonAsync($"{HttpApi.Tasks}/{taskId}");
        Assert.Equal(60, task["result"]!["progress"].Int());
    }

    [Theory]
    [InlineData("claim")]
    [InlineData("progress-reports")]
    public async Task TaskAction_CompletedTask_Returns409(string action)
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        await (await _staff.TaskActionAsync(taskId, "complete", new { outcome = "Submitted", data = new { progress = 60 } })).ExpectAsync(HttpStatusCode.OK);
        object body = action == "claim" ? new { } : new { progressPercent = 100, confidence = 9 };

        // Act
        var response = await _staff.TaskActionAsync(taskId, action, body);

        // Assert
        await response.ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ListTasks_CompletedTask_MovesFromTheOpenViewToTheCompletedView()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        await (await _staff.TaskActionAsync(taskId, "complete", new { outcome = "Submitted", data = new { progress = 60 } })).ExpectAsync(HttpStatusCode.OK);

        // Assert
        var open = await _staff.GetJsonAsync($"{HttpApi.Tasks}?view=open&pageSize=200");
        var completed = await _staff.GetJsonAsync($"{HttpApi.Tasks}?view=completed&pageSize=200");
        Assert.DoesNotContain(open["items"]!.AsArray(), t => t!["id"].Str() == taskId);
        Assert.Contains(completed["items"]!.AsArray(), t => t!["id"].Str() == taskId);
    }
}
