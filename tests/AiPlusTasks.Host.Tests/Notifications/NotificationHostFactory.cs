using AiPlusTasks.Engine.Notifications;
using AiPlusTasks.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiPlusTasks.Host.Tests.Notifications;

/// <summary>
/// A host whose e-mail and SMS channels are <see cref="RecordingChannel"/>s, whose loops poll every 50 ms, and whose
/// users all have an address: <c>&lt;user&gt;@example.cn</c> and a mobile number.
/// </summary>
public class NotificationHostFactory : HostFactory, IAsyncLifetime
{
    public RecordingChannel Email { get; } = new(NotificationChannels.Email);

    public RecordingChannel Sms { get; } = new(NotificationChannels.Sms);

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Engine:WorkPollInterval"] = "00:00:00.050",
        ["Notifications:PollInterval"] = "00:00:00.050",
        ["Notifications:PublicBaseUrl"] = "https://aiplus.example.gov.cn",
    };

    /// <summary>The e-mail address every user has here.</summary>
    public static string EmailOf(string user) => $"{user}@example.cn";

    /// <summary>The mobile number every user has here.</summary>
    public const string Mobile = "13800138000";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<INotificationChannel>();
        services.AddSingleton<INotificationChannel>(Email);
        services.AddSingleton<INotificationChannel>(Sms);
    }

    async Task IAsyncLifetime.InitializeAsync() => await GiveAddressesAsync();

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>Gives every user the same kind of e-mail address and one mobile number (in place of the seed's examples), so tests can name them.</summary>
    public async Task GiveAddressesAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        await db.Users.ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Email, x => x.Id + "@example.cn")
            .SetProperty(x => x.PhoneNumber, Mobile));
    }
}
