using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Host.Tests;

namespace AiPlusTasks.Cli.Tests.Commands;

/// <summary><c>aiplus definitions push|pull</c> against the real Host seeded from the repository's <c>workflows/</c>.</summary>
public sealed class DefinitionCommandTests(HostFactory host) : IClassFixture<HostFactory>, IDisposable
{
    private readonly CliRun _cli = new(host);

    private static readonly string[] RepositoryFiles = [.. Directory.EnumerateFiles(RepositoryPaths.Workflows, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public async Task Push_RepositoryWorkflowsWithPublish_PublishesEveryOneAndASecondPushSaysAllUnchanged()
    {
        // Arrange
        await _cli.LoginAsync();

        // Act
        var first = await _cli.RunAsync("definitions", "push", RepositoryPaths.Workflows, "--publish");
        var second = await _cli.RunAsync("definitions", "push", RepositoryPaths.Workflows, "--publish");

        // Assert
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        foreach (var file in RepositoryFiles)
        {
            Assert.Matches($@"(?m)^{file} \([^)]+\): unchanged$", second.Output);
        }

        Assert.DoesNotContain("imported", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("published", second.Output, StringComparison.Ordinal);
        var planner = host.CreateClientFor();
        foreach (var definitionId in await DefinitionIdsAsync(RepositoryPaths.Workflows))
        {
            var latest = await planner.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{definitionId}");
            Assert.True(latest!["isPublished"]!.GetValue<bool>(), $"{definitionId} is published");
        }
    }

    [Fact]
    public async Task PushDryRun_OneDefinitionEdited_NamesTheChangedStepAndVariableAndStoresNothing()
    {
        // Arrange
        await _cli.LoginAsync();
        using var folder = TempFolder.WithRepositoryDefinitions();
        var path = folder.File("hello-world.json");
        var edited = (await File.ReadAllTextAsync(path))
            .Replace("\"name\": \"问候\"", "\"name\": \"问候语\"", StringComparison.Ordinal)
            .Replace("\"value\": \"你好，人工智能+\"", "\"value\": \"您好\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, edited);
        var planner = host.CreateClientFor();
        var before = await planner.GetStringAsync(new Uri("/api/workflow-definitions/hello-world", UriKind.Relative));

        // Act
        var push = await _cli.RunAsync("definitions", "push", folder.Path, "--dry-run");

        // Assert
        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains("hello-world.json (hello-world): changed", push.Output, StringComparison.Ordinal);
        Assert.Contains("step 问候语 (writeLine1): name \"问候\" → \"问候语\"", push.Output, StringComparison.Ordinal);
        Assert.Contains("variable Greeting: ", push.Output, StringComparison.Ordinal);
        Assert.Contains("\"您好\"", push.Output, StringComparison.Ordinal);
        Assert.Contains("ministry-task.json (ministry-task): unchanged", push.Output, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was changed.", push.Output, StringComparison.Ordinal);
        Assert.Equal(before, await planner.GetStringAsync(new Uri("/api/workflow-definitions/hello-world", UriKind.Relative)));
    }

    [Fact]
    public async Task Push_NewAndInvalidDefinitions_PublishesTheNewOneAndPrintsTheServersProblemWithItsStep()
    {
        // Arrange
        await _cli.LoginAsync();
        using var folder = new TempFolder();
        var hello = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Workflows, "hello-world.json")))!.AsObject();
        hello["definitionId"] = "cli-hello";
        hello["id"] = "cli-hello-v1";
        await File.WriteAllTextAsync(folder.File("cli-hello.json"), hello.ToJsonString());
        hello["definitionId"] = "cli-broken";
        hello["id"] = "cli-broken-v1";
        hello["root"]!["activities"]!.AsArray().Add(new JsonObject { ["id"] = "mystery1", ["type"] = "Elsa.NoSuchActivity", ["name"] = "谜" });
        await File.WriteAllTextAsync(folder.File("cli-broken.json"), hello.ToJsonString());

        // Act
        var push = await _cli.RunAsync("definitions", "push", folder.Path, "--publish");

        // Assert
        Assert.Equal(1, push.ExitCode);
        Assert.Contains("cli-hello.json (cli-hello): new", push.Output, StringComparison.Ordinal);
        Assert.Contains("cli-hello.json: published version 1", push.Output, StringComparison.Ordinal);
        Assert.Contains("cli-broken.json: refused: ", push.Output, StringComparison.Ordinal);
        Assert.Contains("activities[mystery1]", push.Output, StringComparison.Ordinal);
        var planner = host.CreateClientFor();
        var published = await planner.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/cli-hello");
        Assert.True(published!["isPublished"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Pull_ThenPushAndPullAgain_ShowsNoChange()
    {
        // Arrange
        await _cli.LoginAsync();
        using var folder = new TempFolder();

        // Act
        var pull = await _cli.RunAsync("definitions", "pull", folder.Path);
        var pulled = Directory.EnumerateFiles(folder.Path).ToDictionary(f => f, File.ReadAllText);
        var push = await _cli.RunAsync("definitions", "push", folder.Path);
        var again = await _cli.RunAsync("definitions", "pull", folder.Path);

        // Assert
        Assert.True(pull.ExitCode == 0, pull.ToString());
        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Superset(new HashSet<string>(await DefinitionIdsAsync(RepositoryPaths.Workflows)), new HashSet<string>(await DefinitionIdsAsync(folder.Path)));
        Assert.DoesNotContain(": changed", push.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(": new", push.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("imported", push.Output, StringComparison.Ordinal);
        Assert.Equal(pulled, Directory.EnumerateFiles(folder.Path).ToDictionary(f => f, File.ReadAllText));
    }

    private static async Task<List<string>> DefinitionIdsAsync(string folder)
    {
        var ids = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            ids.Add(JsonNode.Parse(await File.ReadAllTextAsync(file))!["definitionId"]!.GetValue<string>());
        }

        return ids;
    }

    public void Dispose() => _cli.Dispose();
}
