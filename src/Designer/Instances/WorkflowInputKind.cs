namespace AiPlusTasks.Designer.Instances;

/// <summary>
/// How the start form enters one workflow input: from the input's <c>uiHint</c> (Elsa's <c>datetime-picker</c> and our
/// pickers, see <see cref="WorkflowInputField"/>), else from its <c>type</c> and <c>isArray</c>.
/// </summary>
public enum WorkflowInputKind
{
    /// <summary>A <c>String</c>: sent as typed.</summary>
    Text,

    /// <summary>A number type (<c>Int32</c>, <c>Double</c>…): sent as a JSON number.</summary>
    Number,

    /// <summary>A <c>Boolean</c>: chosen as yes or no.</summary>
    YesNo,

    /// <summary>Anything else (objects, arrays): typed as JSON.</summary>
    Json,

    /// <summary>One agency chosen by name: sent as its code.</summary>
    Agency,

    /// <summary>Agencies chosen by name: sent as an array of codes.</summary>
    Agencies,

    /// <summary>A plan chosen by name: sent as its id.</summary>
    Plan,

    /// <summary>A pillar or catalog item chosen by name: sent as its code.</summary>
    Pillar,

    /// <summary>One of the input's <c>options</c> (Elsa's <c>dropdown</c>), chosen by its text: sent as its value.</summary>
    Choice,

    /// <summary>A date and time picked on China's wall clock: sent as the UTC instant (<c>2027-06-30T16:00:00Z</c>).</summary>
    DateTime,
}
