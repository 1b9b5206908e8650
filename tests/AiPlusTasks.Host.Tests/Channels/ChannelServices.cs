using System.Collections.Concurrent;
using AiPlusTasks.Engine.Notifications;
using AiPlusTasks.Host.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Host.Tests.Channels;

/// <summary>
/// The channels as <see cref="NotificationChannelServiceCollectionExtensions.AddNotificationChannels"/> registers them,
/// over the given settings, with every log line kept — for tests that need another server per test than a Host
/// fixture could give.
/// </summary>
public sealed class ChannelServices : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ChannelServices(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(l => l.AddProvider(new KeptLog(Log)));
        services.AddNotificationChannels();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Every log line written.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>The channel of that name, as the delivery pipeline finds it.</summary>
    public INotificationChannel Channel(string name) => _services.GetServices<INotificationChannel>().Single(c => c.Name == name);

    /// <summary>The SMS length rules as configured.</summary>
    public SmsText SmsText => _services.GetRequiredService<SmsText>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
