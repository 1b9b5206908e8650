using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>Registers the notification pipeline; called by <c>AddWorkflowEngine</c>.</summary>
internal static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// The services pages and endpoints call (inbox, preferences, templates, delivery log) and the signals. Channels out
    /// of the product (<see cref="INotificationChannel"/>) are registered by whoever provides them; without one, its
    /// deliveries wait.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // The SMS channel's rules when it is registered (AddNotificationChannels); else its default signature and limit.
        services.TryAddSingleton(_ =>
        {
            var defaults = new SmsGatewayOptions();
            return new SmsText(defaults.Signature, defaults.MaxSegments);
        });
        services.AddSingleton<NotificationSignal>();
        services.AddSingleton<NotificationFanOutSignal>();
        services.AddSingleton<NotificationDeliverySignal>();
        services.AddSingleton<NotificationInbox>();
        services.AddSingleton<NotificationPreferencesService>();
        services.AddSingleton<NotificationTemplates>();
        services.AddSingleton<NotificationDeliveryLog>();
        return services;
    }

    /// <summary>
    /// The fan-out from the outbox and the sender, as hosted services, and the daily digest's schedule (its job is
    /// <see cref="DailyDigestJob"/>, registered with Quartz by the engine): add them after the database migrator.
    /// </summary>
    public static IServiceCollection AddNotificationLoops(this IServiceCollection services)
    {
        services.AddSingleton<DailyDigest>();
        services.AddHostedService<DailyDigestSchedule>();
        services.AddHostedService<NotificationFanOut>();
        services.AddHostedService<NotificationDelivery>();
        return services;
    }
}
