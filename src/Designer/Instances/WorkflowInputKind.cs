namespace AiPlusTasks.Designer.Instances;

/// <summary>How the start form enters one workflow input.</summary>
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
}
