using System.Net;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests;

/// <summary>What <c>Program.cs</c> maps besides the API: health, the OpenAPI document and the API reference.</summary>
public sealed class ProgramTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClientFor();

    [Theory]
    [InlineData("ndrc", Roles.NdrcPlanner, true, true)]
    [InlineData("ndrc", Roles.NdrcSupervisor, true, false)]
    [InlineData("ndrc", Roles.Auditor, true, false)]
    [InlineData("guangdong", Roles.AgencyLead, false, false)]
    [InlineData("miit", Roles.AgencyStaff, false, false)]
    [InlineData("guangdong", Roles.NdrcPlanner, false, false)]
    public async Task AccessPolicies_EachKindOfUser_FollowTheCallersRule(string agency, string role, bool ndrc, bool planner)
    {
        // Arrange: the policies only decide which links show; they must say what the services decide.
        var authorization = factory.Services.GetRequiredService<IAuthorizationService>();
        var user = CallerClaims.ToPrincipal(new Caller($"{agency}.x", agency, new HashSet<string> { role }), "test");

        // Act
        var seesAll = await authorization.AuthorizeAsync(user, AccessPolicies.Ndrc);
        var designs = await authorization.AuthorizeAsync(user, AccessPolicies.NdrcPlanner);

        // Assert
        var caller = CallerClaims.ToCaller(user);
        Assert.Equal((ndrc, planner), (caller.SeesAllAgencies, caller.IsNdrcPlanner));
        Assert.Equal((ndrc, planner), (seesAll.Succeeded, designs.Succeeded));
    }

    [Fact]
    public async Task AccessPolicies_Anonymous_FailWithoutThrowing()
    {
        // The sign-in page renders the top bar's links for nobody: the policies must refuse, not throw.
        var authorization = factory.Services.GetRequiredService<IAuthorizationService>();
        var anonymous = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());

        Assert.False((await authorization.AuthorizeAsync(anonymous, AccessPolicies.Ndrc)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(anonymous, AccessPolicies.NdrcPlanner)).Succeeded);
    }

    [Fact]
    public async Task Health_HostStarted_Returns200Healthy()
    {
        // Act
        var response = await _client.GetAsync(new Uri("/health", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"healthy"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_Requested_ListsTheApiPaths()
    {
        // Act
        var document = await _client.GetJsonAsync("/openapi/v1.json");

        // Assert
        Assert.StartsWith("3.", document["openapi"].Str(), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/workflow-definitions", paths);
        Assert.Contains("/api/workflow-instances", paths);
        Assert.Contains("/api/events/{name}", paths);
    }

    [Theory]
    [InlineData("/scalar")]
    [InlineData("/scalar/v1")]
    public async Task ApiReference_Requested_Returns200Html(string path)
    {
        // Act
        var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Host_Started_StoresEverythingInTheTestsOwnSqliteFile()
    {
        // Arrange
        await _client.GetJsonAsync($"{HttpApi.Definitions}");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = factory.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(connectionString.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM WorkflowDefinitions WHERE DefinitionId = 'hello-world'";

        // Act
        var count = (long)(await command.ExecuteScalarAsync())!;

        // Assert
        Assert.Equal(1, count);
    }
}
