using System.Net;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary><c>GET /api/tasks/heatmap</c>: open work per pillar and agency, for NDRC only.</summary>
public sealed class TaskHeatmapTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();

    [Fact]
    public async Task GetHeatmap_Planner_CountsOpenTasksOfTheAgencyInThePillarWithTheirColours()
    {
        // Arrange: the fixture's task goes to guangdong in action.industry, green.
        var before = await CellAsync("action.industry", "guangdong");
        await _planner.StartHumanTaskAsync();
        await _planner.StartHumanTaskAsync();

        // Act
        var cell = await CellAsync("action.industry", "guangdong");

        // Assert
        Assert.NotNull(cell);
        Assert.Equal((before?["open"].Int() ?? 0) + 2, cell["open"].Int());
        Assert.Equal("Green", cell["worst"].Str());
        Assert.Equal("Green", cell["average"].Str());
        Assert.True(cell["byColour"]!["Green"].Int() >= 2);
    }

    [Theory]
    [InlineData("guangdong.staff")]
    [InlineData("guangdong.lead")]
    public async Task GetHeatmap_AgencyUser_Forbidden(string user)
    {
        var response = await factory.CreateClientFor(user).GetAsync($"{HttpApi.Tasks}/heatmap");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<System.Text.Json.Nodes.JsonNode?> CellAsync(string pillar, string agency) =>
        (await _planner.GetJsonAsync($"{HttpApi.Tasks}/heatmap")).AsArray()
            .SingleOrDefault(c => c!["pillar"].Str() == pillar && c["agencyCode"].Str() == agency);
}
