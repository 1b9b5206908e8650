namespace AiPlusTasks.Engine.Notifications;

/// <summary>What a notification is about; each kind has its templates and its channels in a user's preferences.</summary>
public static class NotificationKinds
{
    /// <summary>A task was issued to the person or their agency (下达).</summary>
    public const string Issued = "issued";

    /// <summary>Work was returned (退回): the rework task, with the reason.</summary>
    public const string Returned = "returned";

    /// <summary>The ladder's 提醒 rung: the task is due soon (即将到期提醒).</summary>
    public const string Reminder = "reminder";

    /// <summary>催办: the ladder's rung, or an NDRC supervisor's 催办 by hand with a message.</summary>
    public const string Urge = "urge";

    /// <summary>督办单: a formal supervision notice.</summary>
    public const string Notice = "notice";

    /// <summary>约谈: an interview with the unit's head (also told to the agency's leads).</summary>
    public const string Interview = "interview";

    /// <summary>通报: a circular naming the unit (also told to the agency's leads).</summary>
    public const string Circular = "circular";

    /// <summary>Submitted work was approved (审核通过): told to the person who submitted it.</summary>
    public const string Approved = "approved";

    /// <summary>每日待办: the working day's digest of a person's tasks due soon, overdue and returned.</summary>
    public const string Digest = "digest";

    /// <summary>Every kind, in the order the preferences page and the template list show them.</summary>
    public static readonly IReadOnlyList<string> All = [Issued, Returned, Reminder, Urge, Notice, Interview, Circular, Approved, Digest];

    /// <summary>The top rungs: sent at once by e-mail and SMS even in a user's quiet hours, and told to the agency's leads too.</summary>
    public static bool IgnoresQuietHours(string kind) => kind is Interview or Circular;
}
