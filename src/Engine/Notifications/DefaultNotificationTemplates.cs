namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// The built-in texts of every kind, per language: one subject and body for in-app and e-mail, a short text for SMS
/// (within one or two messages with a usual title; the SMS channel puts its signature, 【AI+督办】, before it). NDRC may override each (<see cref="NotificationTemplates"/>);
/// resetting brings these back.
/// </summary>
internal static class DefaultNotificationTemplates
{
    private sealed record Texts(string Subject, string Body, string Sms);

    private static readonly Dictionary<(string Kind, string Language), Texts> All = new()
    {
        [(NotificationKinds.Issued, NotificationLanguages.Chinese)] = new(
            "新任务：{title}",
            "{agency}：您有一项新任务「{title}」，截止时间 {due}。请及时签收办理。\n{link}",
            "新任务「{title}」，截止{due}，请及时签收办理。"),
        [(NotificationKinds.Issued, NotificationLanguages.English)] = new(
            "New task: {title}",
            "{agency}: a new task \"{title}\" is due {due}. Please claim and work on it.\n{link}",
            "New task \"{title}\", due {due}."),
        [(NotificationKinds.Returned, NotificationLanguages.Chinese)] = new(
            "任务退回：{title}",
            "您提交的「{title}」已被退回。退回原因：{reason}\n请修改后重新提交，截止时间 {due}。\n{link}",
            "「{title}」被退回：{reason}。请修改后重新提交。"),
        [(NotificationKinds.Returned, NotificationLanguages.English)] = new(
            "Returned: {title}",
            "Your submission for \"{title}\" was returned. Reason: {reason}\nPlease revise and submit again by {due}.\n{link}",
            "\"{title}\" was returned: {reason}"),
        [(NotificationKinds.Reminder, NotificationLanguages.Chinese)] = new(
            "即将到期提醒：{title}",
            "任务「{title}」将于 {due} 到期，请抓紧办理。\n{link}",
            "即将到期提醒：「{title}」将于{due}到期，请抓紧办理。"),
        [(NotificationKinds.Reminder, NotificationLanguages.English)] = new(
            "Due soon: {title}",
            "The task \"{title}\" is due {due}. Please complete it in time.\n{link}",
            "Due soon: \"{title}\", due {due}."),
        [(NotificationKinds.Urge, NotificationLanguages.Chinese)] = new(
            "催办：{title}",
            "任务「{title}」（截止时间 {due}）已被催办。{message}\n请尽快办理。\n{link}",
            "催办：「{title}」截止{due}，请尽快办理。{message}"),
        [(NotificationKinds.Urge, NotificationLanguages.English)] = new(
            "Urged: {title}",
            "The task \"{title}\" (due {due}) has been urged. {message}\nPlease act on it now.\n{link}",
            "Urged: \"{title}\", due {due}. {message}"),
        [(NotificationKinds.Notice, NotificationLanguages.Chinese)] = new(
            "督办单：{title}",
            "{agency}：任务「{title}」已逾期（截止时间 {due}），现发出督办单，请限期办结并报送办理情况。\n{link}",
            "督办单：「{title}」已逾期（截止{due}），请限期办结。"),
        [(NotificationKinds.Notice, NotificationLanguages.English)] = new(
            "Supervision notice: {title}",
            "{agency}: the task \"{title}\" is overdue (due {due}). This formal notice asks you to complete it and report without delay.\n{link}",
            "Supervision notice: \"{title}\" is overdue (due {due})."),
        [(NotificationKinds.Interview, NotificationLanguages.Chinese)] = new(
            "约谈通知：{title}",
            "{agency}：任务「{title}」（截止时间 {due}）逾期未办结，将约谈单位负责同志，请做好准备。\n{link}",
            "约谈通知：「{title}」逾期未办结，将约谈单位负责同志。"),
        [(NotificationKinds.Interview, NotificationLanguages.English)] = new(
            "Interview: {title}",
            "{agency}: the task \"{title}\" (due {due}) is still not done; the unit's head will be interviewed.\n{link}",
            "Interview: \"{title}\" is still not done; the unit's head will be interviewed."),
        [(NotificationKinds.Circular, NotificationLanguages.Chinese)] = new(
            "通报：{title}",
            "{agency}承担的任务「{title}」（截止时间 {due}）严重逾期，予以通报。\n{link}",
            "通报：{agency}承担的「{title}」严重逾期，予以通报。"),
        [(NotificationKinds.Circular, NotificationLanguages.English)] = new(
            "Circular: {title}",
            "The task \"{title}\" of {agency} (due {due}) is seriously overdue and is named in a circular.\n{link}",
            "Circular: \"{title}\" of {agency} is seriously overdue."),
        [(NotificationKinds.Approved, NotificationLanguages.Chinese)] = new(
            "审核通过：{title}",
            "您提交的「{title}」已审核通过。\n{link}",
            "您提交的「{title}」已审核通过。"),
        [(NotificationKinds.Approved, NotificationLanguages.English)] = new(
            "Approved: {title}",
            "Your submission for \"{title}\" was approved.\n{link}",
            "Your submission for \"{title}\" was approved."),
        [(NotificationKinds.Digest, NotificationLanguages.Chinese)] = new(
            "每日待办：{count} 项",
            "您今天有 {count} 项待办：\n{items}\n{link}",
            "每日待办：您有{count}项任务待办（即将到期、逾期或退回），请登录系统办理。"),
        [(NotificationKinds.Digest, NotificationLanguages.English)] = new(
            "Today's to-do: {count}",
            "You have {count} tasks to work on today:\n{items}\n{link}",
            "Today's to-do: {count} tasks due soon, overdue or returned."),
    };

    /// <summary>The built-in subject (null for SMS) and body of a kind on a channel in a language.</summary>
    public static (string? Subject, string Body) Get(string kind, string channel, string language)
    {
        var texts = All[(kind, language)];
        return channel == NotificationChannels.Sms ? (null, texts.Sms) : (texts.Subject, texts.Body);
    }
}
