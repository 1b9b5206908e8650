using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Tests.Workflows;

/// <summary>Every file in <c>workflows/</c> loads, validates, publishes and runs without faulting.</summary>
public sealed class WorkflowFilesTests : EngineTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.PublishWorkflowFilesAsync();
    }

    [Theory]
    [MemberData(nameof(RepositoryPaths.WorkflowFileNames), MemberType = typeof(RepositoryPaths))]
    public async Task Start_EveryWorkflowFile_RunsWithoutFault(string file)
    {
        var definition = WorkflowDefinitionJson.Read(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Workflows, file)), file);

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest(definition.DefinitionId, Samples.InputFor(definition)));

        Assert.NotEqual(WorkflowStatus.Faulted, instance.Status);
        Assert.NotEqual(WorkflowStatus.Cancelled, instance.Status);
        var journal = await Engine.Runtime.GetJournalAsync(instance.Id, 1, 10);
        Assert.NotEmpty(journal.Items);
    }
}
