namespace AiPlusTasks.Engine.Tasks;

/// <summary>On a co-unit's sub-task (协办): the lead unit's task it contributes to.</summary>
/// <param name="TaskId">The lead unit's task.</param>
/// <param name="Title">Its title in Chinese.</param>
/// <param name="TitleEn">Its title in English, when the workflow gave one.</param>
/// <param name="LeadAgency">The lead unit (主办单位).</param>
/// <param name="State">The lead unit's task's state.</param>
public sealed record ParentTaskView(string TaskId, string Title, string? TitleEn, string LeadAgency, TaskState State);
