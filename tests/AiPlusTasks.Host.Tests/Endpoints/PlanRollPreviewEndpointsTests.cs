using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// <c>POST /api/plans/{id}/roll/preview</c> on the seeded plan (2026-Q4, version 1; the clock in 2026-Q4): the preview of
/// 2027-Q1 writes nothing, and the roll then commits exactly the diff and tasks it showed.
/// </summary>
public sealed class PlanRollPreviewEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string Plan = "/api/plans/ai-plus-2025-2027";

    private readonly HttpClient _planner = factory.CreateClientFor("ndrc.planner");

    [Fact]
    public async Task PreviewRoll_ThenRoll_PreviewWroteNothingAndEqualsTheCommittedVersion()
    {
        // Arrange
        var instancesBefore = (await _planner.GetJsonAsync("/api/workflow-instances?pageSize=1"))["totalCount"].Int();

        // Act
        var preview = await (await _planner.PostAsJsonAsync($"{Plan}/roll/preview", new { period = "2027-Q1" })).ExpectAsync(HttpStatusCode.OK);

        // Assert: nothing written — still one version, the plan at it, no workflow started.
        Assert.Equal(("2027-Q1", false), (preview["period"].Str(), preview["alreadyRolled"]!.GetValue<bool>()));
        Assert.Equal(1, (await _planner.GetJsonAsync($"{Plan}/versions"))["totalCount"].Int());
        Assert.Equal(1, (await _planner.GetJsonAsync(Plan))["summary"]!["currentVersion"].Int());
        Assert.Equal(instancesBefore, (await _planner.GetJsonAsync("/api/workflow-instances?pageSize=1"))["totalCount"].Int());
        var previewChanges = preview["changes"]!.AsArray();
        Assert.Contains(previewChanges, c => c!["kind"].Str() == "Committed");

        // Act: the roll itself.
        var version = await (await _planner.PostAsJsonAsync($"{Plan}/roll", new { period = "2027-Q1" })).ExpectAsync(HttpStatusCode.OK);

        // Assert: the committed diff and tasks are the previewed ones (the roll adds only the started workflows' ids).
        var diff = await _planner.GetJsonAsync($"{Plan}/versions/{version["number"].Int()}/diff?pageSize=200");
        Assert.Equal(previewChanges.ToJsonString(), diff["items"]!.ToJsonString());
        Assert.Equal(Tasks(preview["content"]!), Tasks(version["content"]!));
        Assert.Equal(preview["content"]!["window"]!.ToJsonString(), version["content"]!["window"]!.ToJsonString());
        Assert.Equal(preview["content"]!["scores"]!.ToJsonString(), version["content"]!["scores"]!.ToJsonString());

        // Act: the period's preview once rolled is the version as it stands.
        var again = await (await _planner.PostAsJsonAsync($"{Plan}/roll/preview", new { period = "2027-Q1" })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(again["alreadyRolled"]!.GetValue<bool>());
        Assert.Equal(previewChanges.ToJsonString(), again["changes"]!.ToJsonString());
        Assert.Empty((await _planner.GetJsonAsync(Plan))["rollablePeriods"]!.AsArray());
    }

    [Theory]
    [InlineData("2027-Q5")]
    [InlineData("next quarter")]
    [InlineData("2028-Q1")]
    public async Task PreviewRoll_BadOrTooFarPeriod_Returns400NamingPeriod(string period)
    {
        // Act
        var problem = await (await _planner.PostAsJsonAsync($"{Plan}/roll/preview", new { period })).ExpectAsync(HttpStatusCode.BadRequest);

        // Assert
        Assert.Equal(["period"], problem.ErrorKeys());
    }

    [Theory]
    [InlineData("ndrc.supervisor")]
    [InlineData("guangdong.staff")]
    public async Task PreviewRoll_NotAPlanner_Returns403(string username)
    {
        // Act
        var response = await factory.CreateClientFor(username).PostAsJsonAsync($"{Plan}/roll/preview", new { period = "2027-Q1" });

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GetPlan_SeededAtTheCurrentQuarter_OffersTheNextQuarterToRollTo()
    {
        // Act
        var plan = await _planner.GetJsonAsync("/api/plans/ai-plus-2025-2027");

        // Assert: the seed is 2026-Q4 and a roll may go one quarter past now (2026-12, China time) — unless this class's roll ran first.
        var periods = plan["rollablePeriods"]!.AsArray().Select(p => p.Str()).ToList();
        Assert.True(periods is ["2027-Q1"] || (periods.Count == 0 && plan["summary"]!["currentPeriod"].Str() == "2027-Q1"), string.Join(",", periods));
    }

    /// <summary>A version's tasks without the ids of the workflows a roll starts.</summary>
    private static string Tasks(JsonNode content) =>
        new JsonArray([.. content["tasks"]!.AsArray().Select(t =>
        {
            var copy = t!.DeepClone().AsObject();
            copy.Remove("instanceId");
            copy.Remove("decisionInstanceId");
            return (JsonNode)copy;
        })]).ToJsonString();
}
