using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Host.Idempotency;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary><c>/api/workflow-instances</c>: start, read, journal and cancel.</summary>
public sealed class WorkflowInstanceEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClientFor();

    [Fact]
    public async Task StartInstance_HelloWorld_Returns201FinishedWithGreetingForWho()
    {
        // Arrange
        var body = new { definitionId = "hello-world", input = new { who = "工信部" }, correlationId = "hello-1" };

        // Act
        var response = await _client.PostAsJsonAsync(HttpApi.Instances, body);

        // Assert
        var instance = await response.ExpectAsync(HttpStatusCode.Created);
        var id = instance["id"].Str();
        Assert.Equal($"/api/workflow-instances/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Finished", instance["status"].Str());
        Assert.Equal("hello-1", instance["correlationId"].Str());
        Assert.Contains("工信部", instance["output"]!["greeting"].Str(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartInstance_KeyedRetryRunsAgainAfterItsReservationWasLost_FindsTheFirstInstance()
    {
        // Arrange: a keyed start commits, then its stored answer is lost — as when the node died between the two.
        var body = new { definitionId = "hello-world", input = new { who = "重试" } };
        var first = await (await _client.PostKeyedAsync(HttpApi.Instances, body, "start-after-crash-1")).ExpectAsync(HttpStatusCode.Created);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var forget = connection.CreateCommand();
            forget.CommandText = """DELETE FROM "IdempotencyKeys" """;
            Assert.True(await forget.ExecuteNonQueryAsync() > 0);
        }

        // Act: the retry with the same key runs again.
        var retry = await _client.PostKeyedAsync(HttpApi.Instances, body, "start-after-crash-1");

        // Assert: it answers with the instance the first try made, and there is still one.
        var again = await retry.ExpectAsync(HttpStatusCode.Created);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(first["id"].Str(), again["id"].Str());
        var instances = await (await _client.GetAsync(new Uri($"{HttpApi.Instances}?definitionId=hello-world&pageSize=100", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(instances["items"]!.AsArray(), i => i!["id"].Str() == first["id"].Str());
    }

    [Fact]
    public async Task StartInstance_MissingDefinitionId_Returns400NamingDefinitionId()
    {
        // Act
        var response = await _client.PostJsonTextAsync(HttpApi.Instances, """{ "input": { "who": "x" } }""");

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["definitionId"], problem.ErrorKeys());
    }

    [Fact]
    public async Task StartInstance_InputNotAnObject_Returns400NamingInput()
    {
        // Act
        var response = await _client.PostJsonTextAsync(HttpApi.Instances, """{ "definitionId": "hello-world", "input": 5 }""");

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["input"], problem.ErrorKeys());
    }

    [Fact]
    public async Task StartInstance_UnknownDefinition_Returns404ProblemDetails()
    {
        // Act
        var response = await _client.PostAsJsonAsync(HttpApi.Instances, new { definitionId = "no-such-definition" });

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-such-definition", problem["detail"].Str(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartInstance_ImportedButNeverPublished_Returns409()
    {
        // Arrange
        var definition = DefinitionFixtures.Load("write-line.json", out var definitionId);
        await _client.ImportAsync(definition);

        // Act
        var response = await _client.PostAsJsonAsync(HttpApi.Instances, new { definitionId });

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("publish", problem["detail"].Str(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartInstance_MalformedJsonBody_Returns400ProblemDetails()
    {
        // Act
        var response = await _client.PostJsonTextAsync(HttpApi.Instances, """{ "definitionId": "hello-world" "input": {} }""");

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["body"], problem.ErrorKeys());
    }

    [Fact]
    public async Task GetInstance_FinishedHelloWorld_ReturnsStatusVariablesAndOutput()
    {
        // Arrange
        var started = await _client.StartAsync("hello-world", input: new JsonObject { ["who"] = "Miit" });

        // Act
        var instance = await _client.GetJsonAsync($"{HttpApi.Instances}/{started["id"].Str()}");

        // Assert
        Assert.Equal("Finished", instance["status"].Str());
        Assert.Equal("hello-world", instance["definitionId"].Str());
        Assert.Equal("你好，人工智能+", instance["variables"]!["Greeting"].Str());
        Assert.Equal("你好，人工智能+ (Miit)", instance["output"]!["greeting"].Str());
        Assert.NotNull(instance["finishedAt"]);
    }

    [Fact]
    public async Task GetInstance_UnknownId_Returns404ProblemDetails()
    {
        // Act
        var response = await _client.GetAsync(new Uri($"{HttpApi.Instances}/no-such-instance", UriKind.Relative));

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(404, problem["status"].Int());
    }

    [Fact]
    public async Task GetJournal_FinishedHelloWorld_ReturnsEntriesInSequenceWithTextAndOutcomes()
    {
        // Arrange
        var started = await _client.StartAsync("hello-world");

        // Act
        var page = await _client.GetJsonAsync($"{HttpApi.Instances}/{started["id"].Str()}/journal");

        // Assert
        var entries = page["items"]!.AsArray();
        Assert.Equal(entries.Count, page["totalCount"].Int());
        var sequence = entries.Select(e => e!["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), sequence);
        var writeLine = Assert.Single(entries, e => e!["activityId"].Str() == "writeLine1");
        Assert.Equal("Completed", writeLine!["event"].Str());
        Assert.Equal("你好，人工智能+", writeLine["message"].Str());
        Assert.Equal(["Done"], writeLine["outcomes"]!.AsArray().Select(o => o.Str()));
        Assert.Equal(
            ["start1", "writeLine1", "setOutput1", "end1", "flowchart1"],
            entries.Where(e => e!["event"].Str() == "Completed").Select(e => e!["activityId"].Str()));
    }

    [Fact]
    public async Task GetJournal_PageSizeZero_Returns400NamingPageSize()
    {
        // Arrange
        var started = await _client.StartAsync("hello-world");

        // Act
        var response = await _client.GetAsync(new Uri($"{HttpApi.Instances}/{started["id"].Str()}/journal?pageSize=0", UriKind.Relative));

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["pageSize"], problem.ErrorKeys());
    }

    [Fact]
    public async Task GetJournal_PageZero_Returns400NamingPage()
    {
        // Arrange
        var started = await _client.StartAsync("hello-world");

        // Act
        var response = await _client.GetAsync(new Uri($"{HttpApi.Instances}/{started["id"].Str()}/journal?page=0", UriKind.Relative));

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["page"], problem.ErrorKeys());
    }

    [Fact]
    public async Task CancelInstance_WaitingForEvent_Returns200CancelledWithoutBookmarks()
    {
        // Arrange
        var definitionId = await _client.ImportAndPublishAsync("wait-for-event.json");
        var started = await _client.StartAsync(definitionId, correlationId: $"cancel-{Guid.NewGuid():N}");
        Assert.Equal("Suspended", started["status"].Str());

        // Act
        var response = await _client.PostAsync(new Uri($"{HttpApi.Instances}/{started["id"].Str()}/cancel", UriKind.Relative), null);

        // Assert
        var instance = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Cancelled", instance["status"].Str());
        Assert.Empty(instance["bookmarks"]!.AsArray());
    }

    [Fact]
    public async Task RaiseEvent_InstanceCancelled_Returns404AndInstanceStaysCancelled()
    {
        // Arrange
        var definitionId = await _client.ImportAndPublishAsync("wait-for-event.json");
        var correlationId = $"cancel-{Guid.NewGuid():N}";
        var started = await _client.StartAsync(definitionId, correlationId);
        await (await _client.PostAsync(new Uri($"{HttpApi.Instances}/{started["id"].Str()}/cancel", UriKind.Relative), null)).ExpectAsync(HttpStatusCode.OK);

        // Act
        var response = await _client.PostAsJsonAsync("/api/events/report-approved", new { correlationId });

        // Assert
        await response.ExpectAsync(HttpStatusCode.NotFound);
        var instance = await _client.GetJsonAsync($"{HttpApi.Instances}/{started["id"].Str()}");
        Assert.Equal("Cancelled", instance["status"].Str());
    }

    [Fact]
    public async Task CancelInstance_AlreadyCancelled_Returns409()
    {
        // Arrange
        var definitionId = await _client.ImportAndPublishAsync("wait-for-event.json");
        var started = await _client.StartAsync(definitionId, correlationId: $"cancel-{Guid.NewGuid():N}");
        var cancelUri = new Uri($"{HttpApi.Instances}/{started["id"].Str()}/cancel", UriKind.Relative);
        await (await _client.PostAsync(cancelUri, null)).ExpectAsync(HttpStatusCode.OK);

        // Act
        var response = await _client.PostAsync(cancelUri, null);

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("Cancelled", problem["detail"].Str(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelInstance_Finished_Returns409()
    {
        // Arrange
        var started = await _client.StartAsync("hello-world");

        // Act
        var response = await _client.PostAsync(new Uri($"{HttpApi.Instances}/{started["id"].Str()}/cancel", UriKind.Relative), null);

        // Assert
        await response.ExpectAsync(HttpStatusCode.Conflict);
    }
}
