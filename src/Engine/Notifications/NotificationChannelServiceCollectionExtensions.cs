using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>Registers the channels that send notifications out of the product.</summary>
public static class NotificationChannelServiceCollectionExtensions
{
    /// <summary>
    /// Adds the e-mail and SMS channels as <see cref="INotificationChannel"/>s (also as <see cref="EmailChannel"/> and
    /// <see cref="SmsGatewayChannel"/>), <see cref="SmsText"/> with the configured signature and part limit, and their
    /// options from <c>Notifications:Email</c> and <c>Notifications:Sms</c>, checked when the host starts. A channel
    /// without a server configured is registered all the same and says so (<see cref="INotificationChannel.IsConfigured"/>).
    /// </summary>
    public static IServiceCollection AddNotificationChannels(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>());
        services.AddOptions<SmsGatewayOptions>().BindConfiguration(SmsGatewayOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmsGatewayOptions>, SmsGatewayOptionsValidator>());

        services.AddSingleton(sp =>
        {
            var sms = sp.GetRequiredService<IOptions<SmsGatewayOptions>>().Value;
            return new SmsText(sms.Signature.Trim(), sms.MaxSegments);
        });
        services.AddSingleton<EmailChannel>();
        services.AddSingleton<SmsGatewayChannel>();
        services.AddSingleton<INotificationChannel>(sp => sp.GetRequiredService<EmailChannel>());
        services.AddSingleton<INotificationChannel>(sp => sp.GetRequiredService<SmsGatewayChannel>());

        // No retries here: the delivery pipeline retries durably, and each of its attempts must be exactly one request.
        services.AddHttpClient(SmsGatewayChannel.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        return services;
    }
}
