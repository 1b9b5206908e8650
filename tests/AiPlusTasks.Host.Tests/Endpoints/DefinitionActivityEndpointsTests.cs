using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>A definition usable as an activity (Elsa's <c>options.usableAsActivity</c>), used by type in another, through the HTTP API.</summary>
public sealed class DefinitionActivityEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClientFor();

    [Theory]
    [InlineData(21, 42, "approved 42")]
    [InlineData(150, 300, "rejected 300")]
    public async Task StartInstance_ParentUsingAChildDefinitionByType_ReadsTheChildsOutputInItsVariableAndFollowsTheOutcome(int amount, int total, string decision)
    {
        // Arrange: the child under a fresh id and name (its type is its name in PascalCase); the parent refers to it as
        // Elsa Studio writes the reference.
        var child = DefinitionFixtures.Load("approval-child.json", out var childId);
        var suffix = childId[(childId.LastIndexOf('-') + 1)..];
        child["name"] = "Approval check" + suffix;
        var childVersionId = (await _client.ImportAsync(child))["id"].Str();
        await _client.PublishAsync(childId);

        var parent = DefinitionFixtures.Load("approval-parent.json", out var parentId);
        var check = DefinitionFixtures.Activity(parent, "check1");
        check["type"] = "ApprovalCheck" + suffix;
        check["workflowDefinitionId"] = childId;
        check["workflowDefinitionVersionId"] = childVersionId;
        check["latestAvailablePublishedVersionId"] = childVersionId;
        await _client.ImportAsync(parent);
        await _client.PublishAsync(parentId);

        // Act
        var started = await _client.StartAsync(parentId, input: new JsonObject { ["Amount"] = amount });
        var read = await _client.GetJsonAsync($"{HttpApi.Instances}/{started["id"].Str()}");

        // Assert: the child ran in the same call; its output Total reached the parent's variable through the memory
        // reference, its outcome chose the branch, whose script result is bound to the workflow output Decision.
        foreach (var instance in new[] { started, read })
        {
            Assert.Equal("Finished", instance["status"].Str());
            Assert.Equal(total, instance["variables"]!["Total"]!.GetValue<int>());
            Assert.Equal(decision, instance["output"]!["Decision"].Str());
        }
    }
}
