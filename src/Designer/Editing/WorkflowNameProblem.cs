namespace AiPlusTasks.Designer.Editing;

/// <summary>What is wrong with the name of a workflow variable or input (see <see cref="WorkflowNames.Check"/>).</summary>
public enum WorkflowNameProblem
{
    /// <summary>The name is empty.</summary>
    Missing,

    /// <summary>The name is not an identifier.</summary>
    NotAnIdentifier,

    /// <summary>Another variable (or input) has this name.</summary>
    Duplicate,
}
