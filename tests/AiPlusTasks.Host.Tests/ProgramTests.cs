using System.Net;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests;

/// <summary>What <c>Program.cs</c> maps besides the API: health, the OpenAPI document and the API reference.</summary>
public sealed class ProgramTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClientFor();

    [Fact]
    public async Task NdrcPlannerPolicy_Resolved_RequiresThePlannerRole()
    {
        // Arrange: the designer's pages and the Host's endpoints name the policy through AccessPolicies.
        var policies = factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();

        // Act
        var designer = await policies.GetPolicyAsync(AccessPolicies.NdrcPlanner);

        // Assert
        var roles = Assert.Single(designer!.Requirements.OfType<RolesAuthorizationRequirement>());
        Assert.Equal([Roles.NdrcPlanner], roles.AllowedRoles);
    }

    [Fact]
    public async Task Health_HostStarted_Returns200Healthy()
    {
        // Act
        var response = await _client.GetAsync(new Uri("/health", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
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
