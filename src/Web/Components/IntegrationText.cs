using AiPlusTasks.Engine.Webhooks;
using AiPlusTasks.Web.Resources;
using Microsoft.Extensions.Localization;

namespace AiPlusTasks.Web.Components;

/// <summary>How the Integrations pages name webhook event types and delivery states in the UI's language.</summary>
public static class IntegrationText
{
    /// <summary>"任务创建 (task.created)"; <c>*</c> is "all events"; a type without a text (added later) shows as its code.</summary>
    public static string EventType(string type, IStringLocalizer<UiText> text)
    {
        if (type == WebhookEventTypes.All)
        {
            return text["WebhookAllEvents"];
        }

        var name = text["EventType-" + type];
        return name.ResourceNotFound ? type : $"{name} ({type})";
    }

    /// <summary>Every type of a subscription, comma separated.</summary>
    public static string EventTypes(IEnumerable<string> types, IStringLocalizer<UiText> text) =>
        string.Join(text["WebhookEventTypeSeparator"], types.Select(t => EventType(t, text)));

    public static string DeliveryState(WebhookDeliveryState state, IStringLocalizer<UiText> text) => text["DeliveryState-" + state];
}
