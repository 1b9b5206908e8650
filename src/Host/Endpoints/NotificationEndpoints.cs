using System.Security.Claims;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Notifications;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// Notifications (docs/decisions/023): each person's own (the bell, the notification page, marking read), their
/// settings, and for NDRC planners and supervisors the templates (with a preview) and the delivery log of e-mail and SMS.
/// </summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        mine.MapGet("/", ListNotifications).WithName(nameof(ListNotifications)).WithSummary("List the caller's notifications").ProducesValidationProblem();
        mine.MapGet("/unread-count", CountUnreadNotifications).WithName(nameof(CountUnreadNotifications)).WithSummary("Count the caller's unread notifications");
        mine.MapPost("/{id:long}/read", MarkNotificationRead).WithName(nameof(MarkNotificationRead)).WithSummary("Mark a notification read");
        mine.MapPost("/read-all", MarkAllNotificationsRead).WithName(nameof(MarkAllNotificationsRead)).WithSummary("Mark all the caller's notifications read");
        mine.MapGet("/preferences", GetNotificationPreferences).WithName(nameof(GetNotificationPreferences)).WithSummary("Read the caller's notification settings");
        mine.MapPut("/preferences", SaveNotificationPreferences).WithName(nameof(SaveNotificationPreferences)).WithSummary("Save the caller's notification settings").ProducesValidationProblem();

        var templates = app.MapGroup("/api/notification-templates").WithTags("Notifications").RequireAuthorization();
        templates.MapGet("/", ListNotificationTemplates).WithName(nameof(ListNotificationTemplates)).WithSummary("List notification templates");
        templates.MapPut("/{kind}/{channel}/{language}", SaveNotificationTemplate).WithName(nameof(SaveNotificationTemplate)).WithSummary("Change a notification template").ProducesValidationProblem();
        templates.MapDelete("/{kind}/{channel}/{language}", ResetNotificationTemplate).WithName(nameof(ResetNotificationTemplate)).WithSummary("Reset a notification template to its built-in text");
        templates.MapPost("/preview", PreviewNotificationTemplate).WithName(nameof(PreviewNotificationTemplate)).WithSummary("Preview a notification template with a sample task").ProducesValidationProblem();

        app.MapGet("/api/notification-deliveries", ListNotificationDeliveries).WithTags("Notifications").RequireAuthorization()
            .WithName(nameof(ListNotificationDeliveries)).WithSummary("List e-mail and SMS deliveries").ProducesValidationProblem();
        return app;
    }

    /// <summary>The caller's notifications, newest first; <c>unreadOnly=true</c> for unread ones only.</summary>
    public static async Task<Ok<Page<NotificationView>>> ListNotifications(NotificationInbox inbox, ClaimsPrincipal user, bool? unreadOnly, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await inbox.ListAsync(CallerClaims.ToCaller(user), new NotificationQuery(unreadOnly ?? false, number, size), cancellationToken));
    }

    /// <summary>How many of the caller's notifications are unread (the bell's number).</summary>
    public static async Task<Ok<UnreadCount>> CountUnreadNotifications(NotificationInbox inbox, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(new UnreadCount(await inbox.CountUnreadAsync(CallerClaims.ToCaller(user), cancellationToken)));

    /// <summary>Marks one of the caller's notifications read; 404 when it is not the caller's.</summary>
    public static async Task<Ok<NotificationView>> MarkNotificationRead(NotificationInbox inbox, ClaimsPrincipal user, long id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.MarkReadAsync(CallerClaims.ToCaller(user), id, cancellationToken));

    /// <summary>Marks all the caller's notifications read; answers how many were unread.</summary>
    public static async Task<Ok<MarkedRead>> MarkAllNotificationsRead(NotificationInbox inbox, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MarkedRead(await inbox.MarkAllReadAsync(CallerClaims.ToCaller(user), cancellationToken)));

    /// <summary>The caller's settings: language, channels out of the product per kind (in-app is always on), quiet hours.</summary>
    public static async Task<Ok<NotificationPreferencesView>> GetNotificationPreferences(NotificationPreferencesService preferences, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await preferences.GetAsync(CallerClaims.ToCaller(user), cancellationToken));

    /// <summary>
    /// Saves the caller's settings (parts left out keep theirs); 400 naming <c>language</c>, <c>channels.&lt;kind&gt;</c>,
    /// <c>quietHours.from</c> or <c>quietHours.to</c>.
    /// </summary>
    public static async Task<Ok<NotificationPreferencesView>> SaveNotificationPreferences(NotificationPreferencesService preferences, ClaimsPrincipal user, NotificationPreferencesInput body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await preferences.SaveAsync(CallerClaims.ToCaller(user), body, cancellationToken));

    /// <summary>Every template (kind × channel × language) as in force; NDRC planners and supervisors only (403 otherwise).</summary>
    public static async Task<Ok<IReadOnlyList<NotificationTemplateView>>> ListNotificationTemplates(NotificationTemplates templates, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await templates.ListAsync(CallerClaims.ToCaller(user), cancellationToken));

    /// <summary>
    /// Changes a template; 400 naming <c>subject</c> or <c>body</c> (missing, too long, an unknown placeholder, an SMS
    /// longer than 5 messages with the sample task), 404 for an unknown kind, channel or language.
    /// </summary>
    public static async Task<Ok<NotificationTemplateView>> SaveNotificationTemplate(NotificationTemplates templates, ClaimsPrincipal user, string kind, string channel, string language, NotificationTemplateInput body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await templates.SaveAsync(CallerClaims.ToCaller(user), kind, channel, language, body, cancellationToken));

    /// <summary>Brings back the built-in text of a template; answers it.</summary>
    public static async Task<Ok<NotificationTemplateView>> ResetNotificationTemplate(NotificationTemplates templates, ClaimsPrincipal user, string kind, string channel, string language, CancellationToken cancellationToken) =>
        TypedResults.Ok(await templates.ResetAsync(CallerClaims.ToCaller(user), kind, channel, language, cancellationToken));

    /// <summary>Renders a template (the text given, else the one in force) with a sample task; 400 as for saving.</summary>
    public static async Task<Ok<NotificationPreview>> PreviewNotificationTemplate(NotificationTemplates templates, ClaimsPrincipal user, NotificationPreviewRequest body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await templates.PreviewAsync(CallerClaims.ToCaller(user), body, cancellationToken));

    /// <summary>
    /// The e-mail and SMS delivery log, newest first (addresses masked); NDRC planners and supervisors only. Filters:
    /// <c>state</c> (Pending, Sending, Sent, Failed, Held), <c>channel</c> (email, sms), <c>user</c>.
    /// </summary>
    public static async Task<Ok<Page<NotificationDeliveryView>>> ListNotificationDeliveries(
        NotificationDeliveryLog log, ClaimsPrincipal user, string? state, string? channel, [FromQuery(Name = "user")] string? recipient, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        NotificationDeliveryState? wanted = null;
        if (state is not null)
        {
            wanted = Enum.TryParse<NotificationDeliveryState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw RequestValidationException.For("state", $"state must be one of {string.Join(", ", Enum.GetNames<NotificationDeliveryState>())}");
        }

        return TypedResults.Ok(await log.ListAsync(CallerClaims.ToCaller(user), new NotificationDeliveryQuery(wanted, channel, recipient, number, size), cancellationToken));
    }

    /// <summary>The answer of <c>GET /api/notifications/unread-count</c>.</summary>
    public sealed record UnreadCount(int Count);

    /// <summary>The answer of <c>POST /api/notifications/read-all</c>: how many were unread.</summary>
    public sealed record MarkedRead(int Count);
}
