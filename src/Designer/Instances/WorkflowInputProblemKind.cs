namespace AiPlusTasks.Designer.Instances;

/// <summary>What is wrong with a value of the start form or of a test run's task form.</summary>
public enum WorkflowInputProblemKind
{
    /// <summary>Not well-formed JSON.</summary>
    InvalidJson,

    /// <summary>Well-formed JSON, but the instance's input must be an object.</summary>
    NotAnObject,

    /// <summary>A number field holds something else.</summary>
    NotANumber,

    /// <summary>A date-and-time field holds something else.</summary>
    NotADateTime,

    /// <summary>A field the form requires is empty (a task form's <c>required</c>).</summary>
    Required,

    /// <summary>A value the task form's schema refuses (out of range, too short…), as the engine checks it.</summary>
    DoesNotMatch,
}
