using AiPlusTasks.Engine.Audit;
namespace AiPlusTasks.Engine.Audit;

/// <summary>
/// The actions the audit trail records besides sign-ins and user administration (whose names their services keep:
/// <c>signin.*</c>, <c>user.*</c>): a dotted name each, shown in words by the audit page.
/// </summary>
public static class AuditActions
{
    public const string TaskClaim = "task.claim";
    public const string TaskUnclaim = "task.unclaim";
    public const string TaskReassign = "task.reassign";
    public const string TaskComment = "task.comment";

    /// <summary>A task completed with an outcome (submitted, approved, returned…; the detail names it).</summary>
    public const string TaskComplete = "task.complete";
    public const string TaskProgress = "task.progress";
    public const string TaskEvidence = "task.evidence";
    public const string ReviewerAdd = "review.reviewer-add";
    public const string ReviewerRemove = "review.reviewer-remove";
    public const string DefinitionImport = "definition.import";
    public const string DefinitionPublish = "definition.publish";
    public const string WorkflowStart = "workflow.start";
    public const string WorkflowCancel = "workflow.cancel";
    public const string PlanRoll = "plan.roll";
    public const string PlanAmend = "plan.amend";
    public const string DelegationCreate = "delegation.create";
    public const string DelegationRevoke = "delegation.revoke";
    public const string ApiKeyCreate = "apikey.create";
    public const string ApiKeyRevoke = "apikey.revoke";
    public const string WebhookSubscribe = "webhook.subscribe";
    public const string WebhookUnsubscribe = "webhook.unsubscribe";
    public const string WebhookActivate = "webhook.activate";
    public const string WebhookDeactivate = "webhook.deactivate";
    public const string CalendarRevise = "calendar.revise";
    public const string NotificationSettings = "notification.settings";
    public const string NotificationTemplate = "notification.template";
    public const string NotificationTemplateReset = "notification.template-reset";
    public const string WorkflowRetry = "workflow.retry";
    public const string WorkflowSkip = "workflow.skip";
    public const string WorkflowMigrate = "workflow.migrate";
    public const string TaskExtendDue = "task.extend-due";
    public const string BulkJobCreate = "bulk_job.create";
    public const string BulkJobStop = "bulk_job.stop";
    public const string RetentionRun = "retention.run";

    /// <summary>
    /// One item of a bulk job, by its operation (<c>bulk_job.reassign</c>, <c>bulk_job.cancel</c>…): the job's line for it,
    /// beside the line of the action itself.
    /// </summary>
    public static string BulkJobItem(string operation) => "bulk_job." + operation;

    /// <summary>The audit action of a task history entry's action (<c>Claimed</c> → <see cref="TaskClaim"/>); null for one the trail does not name.</summary>
    public static string? ForTaskHistory(string historyAction) => historyAction switch
    {
        "Claimed" => TaskClaim,
        "Unclaimed" => TaskUnclaim,
        "Reassigned" => TaskReassign,
        "Commented" => TaskComment,
        _ => null,
    };
}
