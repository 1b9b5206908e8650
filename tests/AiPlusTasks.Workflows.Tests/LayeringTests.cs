using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Tests;

/// <summary>The interpreter stays at the bottom of the graph (docs/decisions/013).</summary>
public sealed class LayeringTests
{
    [Fact]
    public void WorkflowsAssembly_ReferencesNoStoreSchedulerWebHostOrCapability()
    {
        string[] forbidden = ["Microsoft.EntityFrameworkCore", "Npgsql", "Quartz", "Microsoft.AspNetCore", "Mediator", "AiPlusTasks.Engine", "AiPlusTasks.Designer", "AiPlusTasks.Host"];

        var references = typeof(Burst).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, name => forbidden.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Contains("Jint", references);
    }
}
