using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Workflows.Tests.Definitions;

public sealed class DefinitionActivityTypesTests
{
    [Theory]
    [InlineData("child review", "ChildReview")]
    [InlineData("my-child_flow", "MyChildFlow")]
    [InlineData("Approval check 2", "ApprovalCheck 2")]
    [InlineData("省级审核", "省级审核")]
    public void TypeName_IsTheNameInPascalCaseAsElsaMakesIt(string name, string type) =>
        Assert.Equal(type, DefinitionActivityTypes.TypeName(Version("d", name, usable: true)));

    [Fact]
    public void TypeName_WithoutAName_UsesTheDefinitionId() =>
        Assert.Equal("ReviewChild", DefinitionActivityTypes.TypeName(Version("review-child", null, usable: true)));

    [Fact]
    public void Replace_OnlyVersionsUsableAsActivities_BecomeTypes()
    {
        var types = new DefinitionActivityTypes();
        var legacy = Version("legacy", "Legacy", usable: false);
        legacy.Extensions["usableAsActivity"] = true;

        types.Replace([Version("a", "Usable", usable: true), Version("b", "Plain", usable: false), legacy]);

        Assert.Equal(["Legacy", "Usable"], types.All.Select(t => t.Type));
    }

    [Fact]
    public void Replace_TwoDefinitionsWithOneName_IsUnknownWithAReason()
    {
        var types = new DefinitionActivityTypes();
        types.Replace([Version("first", "Review", usable: true), Version("second", "review", usable: true)]);
        var registry = new ActivityRegistry([], types);

        Assert.False(registry.TryGet("Review", out _));
        Assert.Equal(
            "unknown activity type 'Review': the workflow definitions 'first', 'second' are all usable as activities under that name; rename all but one",
            registry.UnknownTypeMessage("Review"));
        Assert.Equal("unknown activity type 'Other'", registry.UnknownTypeMessage("Other"));
    }

    private static WorkflowDefinition Version(string definitionId, string? name, bool usable)
    {
        var definition = new WorkflowDefinition
        {
            Id = definitionId + "-1",
            DefinitionId = definitionId,
            Name = name,
            IsPublished = true,
            Root = new ActivityNode { Id = "flowchart1", Type = ActivityTypes.Flowchart },
        };
        definition.Extensions["options"] = new JsonObject { ["usableAsActivity"] = usable };
        return definition;
    }
}
