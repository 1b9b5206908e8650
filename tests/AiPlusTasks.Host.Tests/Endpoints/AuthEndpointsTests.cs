using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary><c>POST /api/auth/token</c> and who may reach which routes: signed in for <c>/api</c>, NDRC staff for the engine.</summary>
public sealed class AuthEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string Token = "/api/auth/token";

    [Fact]
    public async Task IssueToken_RightCredentials_Returns200WithAWorkingBearerToken()
    {
        // Arrange
        var client = factory.CreateClient();

        // Act
        var response = await client.PostAsJsonAsync(Token, new { username = "guangdong.staff", password = HostFactory.Password });

        // Assert
        var token = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Bearer", token["tokenType"].Str());
        Assert.True(token["expiresIn"]!.GetValue<long>() > 0);
        Assert.False(string.IsNullOrEmpty(token["refreshToken"].Str()));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"].Str());
        await (await client.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("guangdong.staff", "wrong-password")]
    [InlineData("nobody.staff", HostFactory.Password)]
    public async Task IssueToken_WrongPasswordOrUnknownUser_Returns401(string username, string password)
    {
        // Arrange
        var client = factory.CreateClient();

        // Act
        var response = await client.PostAsJsonAsync(Token, new { username, password });

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", new[] { "password", "username" })]
    [InlineData("""{ "username": "  ", "password": "x" }""", new[] { "username" })]
    [InlineData("""{ "username": "guangdong.staff" }""", new[] { "password" })]
    public async Task IssueToken_MissingUsernameOrPassword_Returns400NamingTheFields(string body, string[] fields)
    {
        // Arrange
        var client = factory.CreateClient();

        // Act
        var response = await client.PostJsonTextAsync(Token, body);

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(fields, problem.ErrorKeys().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/tasks")]
    [InlineData("/api/tasks/counts")]
    [InlineData("/api/workflow-definitions")]
    [InlineData("/api/workflow-instances")]
    public async Task ApiRoute_Anonymous_Returns401(string path)
    {
        // Arrange
        var client = factory.CreateClient();

        // Act
        var response = await client.GetRawAsync(path);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ApiRoute_ForgedBearerToken_Returns401()
    {
        // Arrange
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token-this-server-issued");

        // Act
        var response = await client.GetRawAsync(HttpApi.Tasks);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("guangdong.staff")]
    [InlineData("guangdong.lead")]
    [InlineData("ndrc.staff")]
    [InlineData("ndrc.auditor")]
    [InlineData("ndrc.supervisor")]
    public async Task EngineRoutes_NotAnNdrcPlanner_Returns403(string username)
    {
        // Arrange
        var client = factory.CreateClientFor(username);

        // Act
        var list = await client.GetRawAsync(HttpApi.Definitions);
        var start = await client.PostAsJsonAsync(HttpApi.Instances, new { definitionId = "hello-world" });

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
    }

    [Fact]
    public async Task EngineRoutes_NdrcPlanner_Returns200And201()
    {
        // Arrange
        var client = factory.CreateClientFor("ndrc.planner");

        // Act
        var list = await client.GetRawAsync(HttpApi.Definitions);
        var start = await client.PostAsJsonAsync(HttpApi.Instances, new { definitionId = "hello-world" });

        // Assert
        var page = await list.ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(page["items"]!.AsArray(), d => d!["definitionId"].Str() == "hello-world");
        var instance = await start.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Finished", instance["status"].Str());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    public async Task PublicRoute_Anonymous_Returns200(string path)
    {
        // Arrange
        var client = factory.CreateClient();

        // Act
        var response = await client.GetRawAsync(path);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
