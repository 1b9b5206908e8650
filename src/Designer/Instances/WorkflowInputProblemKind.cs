namespace AiPlusTasks.Designer.Instances;

/// <summary>What is wrong with a value of the start form.</summary>
public enum WorkflowInputProblemKind
{
    /// <summary>Not well-formed JSON.</summary>
    InvalidJson,

    /// <summary>Well-formed JSON, but the instance's input must be an object.</summary>
    NotAnObject,

    /// <summary>A number field holds something else.</summary>
    NotANumber,
}
