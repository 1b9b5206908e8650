using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>A committed burst: the instance row and state it left, its bookmark changes, and the work it queued.</summary>
internal sealed record CommittedBurst(
    WorkflowInstanceRecord Instance, WorkflowState State, IReadOnlyList<Bookmark> CreatedBookmarks, IReadOnlyList<Bookmark> RemovedBookmarks, IReadOnlyList<WorkItemRecord> WorkItems);
