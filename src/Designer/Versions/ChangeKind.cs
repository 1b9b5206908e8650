namespace AiPlusTasks.Designer.Versions;

/// <summary>What changed between two versions of a definition; the comparison view groups changes by kind, in this order.</summary>
public enum ChangeKind
{
    NameChanged,
    DescriptionChanged,
    ActivityAdded,
    ActivityRemoved,
    ActivityRenamed,
    ActivityTypeChanged,
    ActivityMoved,
    InputChanged,
    ConnectionAdded,
    ConnectionRemoved,
    VariableAdded,
    VariableRemoved,
    VariableChanged,
    WorkflowInputAdded,
    WorkflowInputRemoved,
    WorkflowInputChanged,
}
