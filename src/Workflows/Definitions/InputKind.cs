namespace AiPlusTasks.Workflows.Definitions;

/// <summary>How an input is edited and checked. The designer's property panel is generated from it.</summary>
public enum InputKind
{
    /// <summary>Any value from an expression.</summary>
    Value,

    /// <summary>Text.</summary>
    Text,

    /// <summary>A true/false condition.</summary>
    Condition,

    /// <summary>A whole number.</summary>
    Number,

    /// <summary>A duration: <c>d.hh:mm:ss</c> or ISO 8601 (<c>P3D</c>, <c>PT5M</c>).</summary>
    Duration,

    /// <summary>A cron expression, five fields or six with seconds.</summary>
    Cron,

    /// <summary>One of <see cref="InputDescriptor.Choices"/>.</summary>
    Choice,

    /// <summary>A list of names (e.g. fork branches, outcomes).</summary>
    Names,

    /// <summary>A reference to a workflow variable: <c>{"name": "…"}</c>, not an expression.</summary>
    VariableReference,

    /// <summary>A JSON value (object or array).</summary>
    Json,

    /// <summary>JavaScript code: the input's value is the code to run (checked for syntax), as in Elsa's RunJavaScript.</summary>
    Script,
}
