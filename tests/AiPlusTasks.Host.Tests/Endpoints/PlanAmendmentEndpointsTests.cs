using System.Net;
using System.Net.Http.Json;

namespace AiPlusTasks.Host.Tests.Endpoints;

public sealed class PlanAmendmentEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string Amendments = "/api/plans/ai-plus-2025-2027/amendments";
    private static readonly int[] WithVision = [2027, 2030, 2035];
    private static readonly int[] OneMilestone = [2040];
    private readonly HttpClient _planner = factory.CreateClientFor();

    [Fact]
    public async Task AmendPlan_WithReason_IsNumberedKeptAndChangesTheStaticLayer()
    {
        // Act
        var response = await _planner.PostAsJsonAsync(Amendments, new
        {
            @static = new { milestones = WithVision },
            reason = "增加 2035 远景目标 add the 2035 vision",
            documentNumber = "发改高技〔2026〕1号",
        });

        // Assert
        var amendment = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, amendment["number"].Int());
        Assert.Equal("ndrc.planner", amendment["amendedBy"].Str());
        var history = (await _planner.GetJsonAsync(Amendments)).AsArray();
        Assert.Equal([1, 2], history.Select(a => a!["number"].Int()));
        var plan = await _planner.GetJsonAsync("/api/plans/ai-plus-2025-2027");
        Assert.Equal(3, plan["static"]!["milestones"]!.AsArray().Count);
        Assert.Equal(2, plan["summary"]!["amendment"].Int());
    }

    [Fact]
    public async Task AmendPlan_WithoutReasonOrStaticLayer_Returns400AndChangesNothing()
    {
        // Act
        var noReason = await _planner.PostAsJsonAsync(Amendments, new { @static = new { milestones = OneMilestone }, reason = " " });
        var noStatic = await _planner.PostAsJsonAsync(Amendments, new { reason = "why" });

        // Assert
        Assert.Equal(["reason"], (await noReason.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["static"], (await noStatic.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        var history = (await _planner.GetJsonAsync(Amendments)).AsArray();
        Assert.DoesNotContain(history, a => a!["static"]!["milestones"]!.AsArray().Count == 1);
    }

    [Fact]
    public async Task AmendPlan_NotAPlanner_Returns403()
    {
        // Act
        var response = await factory.CreateClientFor("ndrc.supervisor").PostAsJsonAsync(Amendments, new { @static = new { }, reason = "r" });

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
