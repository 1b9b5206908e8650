using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Engine.Tests.Workflows;

/// <summary>
/// Workflow definitions from Elsa 3's own repository (<c>Workflows/Elsa/</c>, see its README), imported unchanged and run
/// through the engine, each with the result Elsa's own test expects of it.
/// </summary>
public sealed class ElsaFixtureTests : EngineTest
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "AiPlusTasks.Engine.Tests", "Workflows", "Elsa");

    public static TheoryData<string> FixtureNames() =>
        [.. System.IO.Directory.GetFiles(Folder, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private async Task<InstanceView> RunAsync(string file)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Folder, file));
        var definition = WorkflowDefinitionJson.Read(json, file);
        await Engine.PublishAsync(json);
        return await Engine.Runtime.StartAsync(new StartWorkflowRequest(definition.DefinitionId));
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Validate_ElsaFixture_HasNoProblems(string file)
    {
        var definition = WorkflowDefinitionJson.Read(File.ReadAllText(Path.Combine(Folder, file)), file);

        Assert.Empty(Engine.Services.GetRequiredService<DefinitionValidator>().Validate(definition));
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public async Task Start_ElsaFixture_FinishesAsInElsa(string file)
    {
        var instance = await RunAsync(file);

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Empty(instance.Incidents);
    }

    [Fact]
    public async Task Start_ElsaWriteLine_WritesDummyText()
    {
        var instance = await RunAsync("writeline.json");

        Assert.Equal(["Dummy Text"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task Start_ElsaHelloWorld_WritesHelloWorld()
    {
        var instance = await RunAsync("hello-world.json");

        Assert.Equal(["Hello World!"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task Start_ElsaFork_RunsEachOfItsThreeBranchesOnce()
    {
        var instance = await RunAsync("fork.json");

        Assert.Equal(["One", "Three", "Two"], (await Engine.LinesAsync(instance.Id)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Start_ElsaFlatConnections_RunsTheStartThenBothTargets()
    {
        var instance = await RunAsync("workflow1.json");

        var lines = await Engine.LinesAsync(instance.Id);
        Assert.Equal("WriteLine1", lines[0]);
        Assert.Equal(["WriteLine1", "WriteLine2", "WriteLine3"], lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Start_ElsaBraidedFlow_RunsEveryActivityOnceEachAfterItsSources()
    {
        var instance = await RunAsync("workflow2.json");

        var lines = await Engine.LinesAsync(instance.Id);
        Assert.Equal([.. Enumerable.Range(1, 9).Select(i => $"WriteLine{i}")], lines.Order(StringComparer.Ordinal));
        var definition = WorkflowDefinitionJson.Read(await File.ReadAllTextAsync(Path.Combine(Folder, "workflow2.json")));
        foreach (var connection in definition.Root.Connections)
        {
            Assert.True(
                lines.IndexOf(connection.Source.Activity) < lines.IndexOf(connection.Target.Activity),
                $"{connection.Source.Activity} ran after {connection.Target.Activity}: {string.Join(", ", lines)}");
        }
    }

    [Fact]
    public async Task Start_ElsaParallelJoin_ParallelForEachCompletesOnceAfterAnEmptyLinePerItem()
    {
        var instance = await RunAsync("parallel-join.json");

        var journal = await Engine.Runtime.GetJournalAsync(instance.Id, 1, 200);
        Assert.Single(journal.Items, e => e.ActivityId == "70fc1183cd5800f2" && e.Event == "Completed");
        Assert.Equal(["", "", ""], await Engine.LinesAsync(instance.Id));
    }
}
