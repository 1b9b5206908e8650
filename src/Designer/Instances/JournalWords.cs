using AiPlusTasks.Designer.Activities;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Designer.Instances;

/// <summary>
/// A journal line in words, for the instance viewer and the test run alike: the activity by the name the planner gave it
/// (else its type's name), what happened to it and the outcomes it took, in the page's language.
/// </summary>
public static class JournalWords
{
    /// <summary>The activity's name, else its type's name; null for the workflow's root (the caller says "the whole workflow").</summary>
    public static string? ActivityName(WorkflowDefinition definition, string activityId)
    {
        if (activityId == definition.Root.Id)
        {
            return null;
        }

        var activity = definition.AllActivities().FirstOrDefault(a => a.Id == activityId);
        return activity is null ? activityId
            : string.IsNullOrWhiteSpace(activity.Name) ? ActivityTypeNames.DisplayName(activity.Type)
            : activity.Name;
    }

    /// <summary>What happened (Completed, Suspended, Resumed, Faulted, Cancelled, Migrated, Retried, Skipped) in words.</summary>
    public static string Event(string journalEvent) => DesignerText.Get("JournalEvent-" + journalEvent) ?? journalEvent;

    /// <summary>The outcomes of a completion that says more than "done".</summary>
    public static bool ShowsOutcomes(JournalEntry entry) =>
        entry.Event == "Completed" && entry.Outcomes is { Count: > 0 } outcomes && !(outcomes.Count == 1 && outcomes[0] == ActivityDescriptor.Done);

    /// <summary>The outcomes, joined as the language joins a list.</summary>
    public static string Outcomes(IEnumerable<string> outcomes) => string.Join(DesignerText.Get("ListSeparator") ?? ", ", outcomes.Select(ActivityTypeNames.OutcomeName));
}
