using AiPlusTasks.Designer.Editing;

namespace AiPlusTasks.Designer.Tests.Editing;

public sealed class WorkflowNamesTests
{
    [Theory]
    [InlineData("ReturnCount", null)]
    [InlineData("_count2", null)]
    [InlineData("returncount", null)]
    [InlineData("", WorkflowNameProblem.Missing)]
    [InlineData("  ", WorkflowNameProblem.Missing)]
    [InlineData("2nd", WorkflowNameProblem.NotAnIdentifier)]
    [InlineData("return count", WorkflowNameProblem.NotAnIdentifier)]
    [InlineData("退回次数", WorkflowNameProblem.NotAnIdentifier)]
    [InlineData("ReturnCount ", WorkflowNameProblem.NotAnIdentifier)]
    [InlineData("LastReport", WorkflowNameProblem.Duplicate)]
    public void Check_Name_ReportsWhatIsWrong(string name, WorkflowNameProblem? expected)
    {
        Assert.Equal(expected, WorkflowNames.Check(name, ["LastReport", "ReturnCount2"]));
    }
}
