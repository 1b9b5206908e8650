using System.Globalization;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Web.Resources;
using Microsoft.Extensions.Localization;

namespace AiPlusTasks.Web.Components;

/// <summary>
/// How the audit page and its CSV export say a line of the audit trail in the UI's language: the action and outcome in
/// words, the people by name ("张三 代 李四" for acting for), the agency by name, the time in China time. One place for both.
/// </summary>
public static class AuditLabels
{
    /// <summary>The actions the page offers as a filter, in the order it lists them.</summary>
    public static readonly IReadOnlyList<string> Actions =
    [
        "signin.password", "signin.sso", "signin.two-factor", "signin.lockout", "signin.session", "signout", "token.refresh",
        "password.change", "two-factor.enrol",
        UserAdministration.CreateAction, UserAdministration.UpdateAction, UserAdministration.DisableAction, UserAdministration.EnableAction,
        UserAdministration.ResetPasswordAction, UserAdministration.ContactAction,
        AuditActions.TaskClaim, AuditActions.TaskUnclaim, AuditActions.TaskReassign, AuditActions.TaskComment, AuditActions.TaskComplete,
        AuditActions.TaskProgress, AuditActions.TaskEvidence, AuditActions.ReviewerAdd, AuditActions.ReviewerRemove,
        AuditActions.DefinitionImport, AuditActions.DefinitionPublish, AuditActions.WorkflowStart, AuditActions.WorkflowCancel,
        AuditActions.PlanRoll, AuditActions.PlanAmend, AuditActions.DelegationCreate, AuditActions.DelegationRevoke,
        AuditActions.ApiKeyCreate, AuditActions.ApiKeyRevoke, AuditActions.WebhookSubscribe, AuditActions.WebhookUnsubscribe,
        AuditActions.WebhookActivate, AuditActions.WebhookDeactivate, AuditActions.NotificationSettings, AuditActions.NotificationTemplate,
        AuditActions.NotificationTemplateReset, AuditActions.CalendarRevise, AuditActions.WorkflowRetry, AuditActions.WorkflowSkip,
        AuditActions.WorkflowMigrate, AuditActions.TaskExtendDue, AuditActions.BulkJobCreate, AuditActions.BulkJobStop,
        AuditActions.BulkJobItem("cancel"), AuditActions.BulkJobItem("retry"), AuditActions.BulkJobItem("skip"), AuditActions.BulkJobItem("reassign"),
        AuditActions.BulkJobItem("extendDue"), AuditActions.BulkJobItem("migrate"), AuditActions.RetentionRun,
    ];

    private static readonly string[] PersonActions = ["signin.", "signout", "user.", "password.", "two-factor.", "token."];

    /// <summary>签收任务, 发布流程定义, …; an action without a text (added later) is 其他操作 / Other action.</summary>
    public static string Action(string action, IStringLocalizer<UiText> text)
    {
        var name = text["AuditAction-" + action];
        return name.ResourceNotFound ? text["AuditActionOther"] : name;
    }

    /// <summary>成功, 失败, 被拒绝.</summary>
    public static string Outcome(string outcome, IStringLocalizer<UiText> text)
    {
        var name = text["AuditOutcome-" + outcome];
        return name.ResourceNotFound ? text["AuditActionOther"] : name;
    }

    /// <summary>The actor by name, and whom they acted for: 张三 代 李四 / Zhang San for Li Si.</summary>
    public static string Actor(AuditEntryView line, DisplayNames names, IStringLocalizer<UiText> text) =>
        line.ActingFor is null ? names.User(line.Actor) : text["AuditActingFor", names.User(line.Actor), names.User(line.ActingFor)];

    /// <summary>
    /// What the line was done to, by name where the trail knows the kind: a person (sign-ins, user administration), a
    /// plan, a calendar year; anything else (a task, a definition, an instance) by its id.
    /// </summary>
    public static string Target(AuditEntryView line, DisplayNames names, IStringLocalizer<UiText> text) => line.Target switch
    {
        null => "",
        var year when line.Action == AuditActions.CalendarRevise && year.StartsWith("calendar:", StringComparison.Ordinal) => text["AuditCalendarYear", year["calendar:".Length..]],
        var plan when line.Action.StartsWith("plan.", StringComparison.Ordinal) => names.Plan(plan),
        var person when PersonActions.Any(p => line.Action.StartsWith(p, StringComparison.Ordinal)) => names.User(person),
        var other => other,
    };

    /// <summary>The header of the CSV export, in the UI's language.</summary>
    public static IReadOnlyList<string> CsvHeader(IStringLocalizer<UiText> text) =>
        [text["AuditSequence"], text["AuditTime"], text["AuditActor"], text["AuditAgency"], text["AuditActionColumn"], text["AuditTarget"],
         text["AuditOutcome"], text["AuditAddress"], text["AuditDetail"]];

    /// <summary>One line as the CSV export writes it (the columns of <see cref="CsvHeader"/>).</summary>
    public static IReadOnlyList<string> CsvRow(AuditEntryView line, DisplayNames names, IStringLocalizer<UiText> text) =>
        [line.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "", ChinaTime.Seconds(line.At), Actor(line, names, text), names.Agency(line.AgencyCode),
         Action(line.Action, text), Target(line, names, text), Outcome(line.Outcome, text), line.Address ?? "", line.Detail ?? ""];
}
