using System.Net;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary><c>GET /api/workflow-instances</c>, on a database of its own so counts are exact.</summary>
public sealed class WorkflowInstanceListTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClientFor();

    [Fact]
    public async Task ListInstances_ByDefinitionAndStatus_PagesOnlyMatchingInstances()
    {
        // Arrange: three finished hello-world instances, and one suspended instance of another definition.
        List<string> finished = [];
        for (var i = 0; i < 3; i++)
        {
            finished.Add((await _client.StartAsync("hello-world"))["id"].Str());
        }

        var waiting = await _client.ImportAndPublishAsync("wait-for-event.json");
        await _client.StartAsync(waiting, correlationId: "list-1");

        // Act
        var first = await _client.GetJsonAsync($"{HttpApi.Instances}?definitionId=hello-world&status=Finished&pageSize=2");
        var second = await _client.GetJsonAsync($"{HttpApi.Instances}?definitionId=hello-world&status=Finished&pageSize=2&page=2");

        // Assert
        Assert.Equal(3, first["totalCount"].Int());
        Assert.Equal(2, first["items"]!.AsArray().Count);
        Assert.Single(second["items"]!.AsArray());
        var listed = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).ToList();
        Assert.Equal(finished.Order(StringComparer.Ordinal), listed.Select(i => i!["id"].Str()).Order(StringComparer.Ordinal));
        Assert.All(listed, i => Assert.Equal("Finished", i!["status"].Str()));
    }

    [Fact]
    public async Task ListInstances_ByStatus_FiltersOnStatus()
    {
        // Arrange
        var waiting = await _client.ImportAndPublishAsync("wait-for-event.json");
        var suspended = await _client.StartAsync(waiting, correlationId: "list-2");

        // Act
        var suspendedPage = await _client.GetJsonAsync($"{HttpApi.Instances}?definitionId={waiting}&status=Suspended");
        var finishedPage = await _client.GetJsonAsync($"{HttpApi.Instances}?definitionId={waiting}&status=Finished");

        // Assert
        var item = Assert.Single(suspendedPage["items"]!.AsArray());
        Assert.Equal(suspended["id"].Str(), item!["id"].Str());
        Assert.Equal(0, finishedPage["totalCount"].Int());
    }

    [Fact]
    public async Task ListInstances_InvalidStatus_Returns400()
    {
        // Act
        var response = await _client.GetAsync(new Uri($"{HttpApi.Instances}?status=Sleeping", UriKind.Relative));

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("status", problem.ErrorText(), StringComparison.Ordinal);
    }
}
