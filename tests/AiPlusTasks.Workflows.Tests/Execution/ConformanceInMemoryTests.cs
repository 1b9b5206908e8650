using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Tests.Support;

namespace AiPlusTasks.Workflows.Tests.Execution;

/// <summary>The conformance suite (<c>tests/Conformance/</c>) run by the interpreter alone, in memory: no database, no runtime.</summary>
public sealed class ConformanceInMemoryTests
{
    public static TheoryData<string> Cases => ConformanceCase.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_RunInMemory_GivesTheExpectedResult(string name)
    {
        var conformance = ConformanceCase.Load(name);

        var instance = InMemoryInstance.Start(conformance.DefinitionJson, conformance.Input);
        foreach (var eventName in conformance.Events)
        {
            var bookmark = Assert.Single(instance.Bookmarks, b => b.Kind == BookmarkKinds.Event && b.Key == eventName);
            instance.Resume(bookmark);
        }

        if (conformance.Advance is { } span)
        {
            instance.Advance(span);
        }

        Assert.True(conformance.Status == instance.Status.ToString(), $"{name}: expected {conformance.Status}, got {instance.Status}; incidents: {string.Join("; ", instance.State.Incidents.Select(i => i.Message))}");
        conformance.AssertLines(instance.Lines);
        conformance.AssertContains("output", conformance.Output, instance.State.Output);
        conformance.AssertContains("variable", conformance.Variables, instance.State.Variables);
    }
}
