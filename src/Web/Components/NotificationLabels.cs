using AiPlusTasks.Engine.Notifications;
using AiPlusTasks.Web.Resources;
using Microsoft.Extensions.Localization;

namespace AiPlusTasks.Web.Components;

/// <summary>How the notification pages name kinds, channels, delivery states and placeholders in the UI's language: words, never codes.</summary>
public static class NotificationLabels
{
    /// <summary>新任务, 退回, 即将到期提醒, 催办, …; a kind without a text (added later) shows as its code.</summary>
    public static string Kind(string kind, IStringLocalizer<UiText> text) => Named(text, "NotificationKind-", kind);

    /// <summary>站内, 邮件, 短信.</summary>
    public static string Channel(string channel, IStringLocalizer<UiText> text) => Named(text, "NotificationChannel-", channel);

    /// <summary>待发送, 发送中, 已发送, 发送失败, 免打扰，稍后发送.</summary>
    public static string DeliveryState(NotificationDeliveryState state, IStringLocalizer<UiText> text) => text["NotificationDeliveryState-" + state];

    /// <summary>中文 / 英文 for a message language (<c>zh</c>, <c>en</c>).</summary>
    public static string Language(string language, IStringLocalizer<UiText> text) => Named(text, "NotificationLanguage-", language);

    /// <summary>What a template placeholder stands for (任务名称 for <c>{title}</c>).</summary>
    public static string Placeholder(string placeholder, IStringLocalizer<UiText> text) => Named(text, "NotificationPlaceholder-", placeholder.Trim('{', '}'));

    /// <summary>How long ago a notification came: 刚刚 within a minute, else "3 分钟前", "2 小时前", ….</summary>
    public static string Age(DateTimeOffset createdAt, DateTimeOffset now, IStringLocalizer<UiText> text) =>
        now - createdAt < TimeSpan.FromMinutes(1) ? text["NotificationJustNow"].Value : ChinaTime.Relative(createdAt, now, text);

    /// <summary>
    /// Why a delivery failed, in words where the reason is known (the person has no address for the channel), else the
    /// mail or SMS server's own answer, which only the operators read.
    /// </summary>
    public static string? DeliveryError(NotificationDeliveryView delivery, IStringLocalizer<UiText> text) =>
        delivery.LastError is null ? null
        : delivery.MaskedAddress is null ? text["NotificationDeliveryNoAddress-" + delivery.Channel].Value
        : text["NotificationDeliveryServerError", delivery.LastError].Value;

    private static string Named(IStringLocalizer<UiText> text, string prefix, string code)
    {
        var name = text[prefix + code];
        return name.ResourceNotFound ? code : name.Value;
    }
}
