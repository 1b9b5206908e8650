using System.Text.RegularExpressions;

namespace AiPlusTasks.Designer.Editing;

/// <summary>
/// The rule for names of workflow variables and inputs: present, an identifier (a letter or <c>_</c>, then letters,
/// digits or <c>_</c>) so that JavaScript expressions can use it (<c>variables.Name</c>), and unique within its list,
/// compared as the engine compares them (ordinal).
/// </summary>
public static partial class WorkflowNames
{
    /// <summary>What is wrong with <paramref name="name"/> among <paramref name="others"/> (the list's other names), or null.</summary>
    public static WorkflowNameProblem? Check(string? name, IEnumerable<string> others) =>
        string.IsNullOrWhiteSpace(name) ? WorkflowNameProblem.Missing
        : !Identifier().IsMatch(name) ? WorkflowNameProblem.NotAnIdentifier
        : others.Contains(name, StringComparer.Ordinal) ? WorkflowNameProblem.Duplicate
        : null;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
