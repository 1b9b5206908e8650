using AiPlusTasks.Workflows.Execution;
using MudBlazor;

namespace AiPlusTasks.Designer.Instances;

/// <summary>The colour an instance's status is shown in, wherever instances are listed or shown.</summary>
public static class InstanceStatusColours
{
    /// <summary>Finished green, faulted red, waiting amber, cancelled grey, running blue.</summary>
    public static Color Of(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Finished => Color.Success,
        WorkflowStatus.Faulted => Color.Error,
        WorkflowStatus.Suspended => Color.Warning,
        WorkflowStatus.Cancelled => Color.Default,
        _ => Color.Info,
    };
}
