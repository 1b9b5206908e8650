namespace AiPlusTasks.Workflows.Definitions;

/// <summary>What the validator and the designer know of an activity type.</summary>
/// <param name="Type">The type name, e.g. <c>Elsa.Delay</c>.</param>
/// <param name="Category">Palette group: flow, time, tasks, agencies, integration.</param>
/// <param name="Inputs">The inputs, in display order.</param>
/// <param name="Outcomes">
/// The outcome ports of one activity of this type; most types have the single port <c>Done</c>, some depend on the
/// activity's inputs (fork branches, decision True/False).
/// </param>
public sealed record ActivityDescriptor(
    string Type,
    string Category,
    IReadOnlyList<InputDescriptor> Inputs,
    Func<ActivityNode, IReadOnlyList<string>> Outcomes)
{
    /// <summary>
    /// Whether the activity ends the composite that runs it (Elsa's terminal nodes: <c>End</c>, <c>Complete</c>). Such an
    /// activity runs before anything else that is runnable, so what was scheduled beside it never starts, whatever the
    /// order of the definition's connections.
    /// </summary>
    public bool Terminal { get; init; }

    /// <summary>The default single outcome port.</summary>
    public const string Done = "Done";

    /// <summary>The name of the output that holds an activity's result, as Elsa 3 names it.</summary>
    public const string Result = "Result";

    /// <summary>An outcome function for types with only the <c>Done</c> port.</summary>
    public static readonly Func<ActivityNode, IReadOnlyList<string>> DoneOnly = _ => [Done];

    /// <summary>An outcome function for types with no outgoing port (end of flow).</summary>
    public static readonly Func<ActivityNode, IReadOnlyList<string>> NoOutcomes = _ => [];

    /// <summary>
    /// The outputs an activity of this type declares, as Elsa 3 declares them for the type (e.g. <c>Result</c> for
    /// <c>Elsa.RunJavaScript</c>); JavaScript reads them with <c>get{Output}From{Activity}()</c>. The engine keeps one
    /// value per activity, its result, so every declared output reads that value. Default: none.
    /// </summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];
}
