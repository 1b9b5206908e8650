using AiPlusTasks.Engine.Execution;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;

namespace AiPlusTasks.Engine.Tests.Workflows;

/// <summary>Every file in <c>workflows/</c> loads, validates, publishes and runs without faulting.</summary>
public sealed class WorkflowFilesTests : IAsyncLifetime
{
    private EngineHost _engine = null!;

    public async Task InitializeAsync()
    {
        _engine = await EngineHost.StartAsync();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Workflows, "*.json"))
        {
            await _engine.Definitions.ImportAndPublishIfChangedAsync(await File.ReadAllTextAsync(file), Path.GetFileName(file));
        }
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        EngineHost.DeleteDatabase(_engine.DatabaseFile);
    }

    [Theory]
    [MemberData(nameof(RepositoryPaths.WorkflowFileNames), MemberType = typeof(RepositoryPaths))]
    public async Task Start_EveryWorkflowFile_RunsWithoutFault(string file)
    {
        var definition = Engine.Definitions.WorkflowDefinitionJson.Read(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Workflows, file)), file);

        var instance = await _engine.Runtime.StartAsync(new StartWorkflowRequest(definition.DefinitionId, Samples.InputFor(definition)));

        Assert.NotEqual(WorkflowStatus.Faulted, instance.Status);
        Assert.NotEqual(WorkflowStatus.Cancelled, instance.Status);
        var journal = await _engine.Runtime.GetJournalAsync(instance.Id, 1, 10);
        Assert.NotEmpty(journal.Items);
    }
}
