using AiPlusTasks.Engine.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Tests.Channels;

/// <summary>Bad e-mail and SMS settings stop the Host at start-up, every problem named by its setting.</summary>
public sealed class ChannelOptionsStartupTests
{
    private sealed class SettingsHostFactory(IReadOnlyDictionary<string, string> settings) : HostFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => settings;
    }

    [Fact]
    public async Task Start_BadEmailSettings_RefusedNamingEachSetting()
    {
        // Arrange
        await using var factory = new SettingsHostFactory(new Dictionary<string, string>
        {
            ["Notifications:Email:Host"] = "smtp.example.gov.cn",
            ["Notifications:Email:Port"] = "70000",
            ["Notifications:Email:From"] = "not an address",
            ["Notifications:Email:UserName"] = "duban",
        });

        // Act
        var failures = StartFailures(factory);

        // Assert
        Assert.Contains(failures, f => f.StartsWith("Notifications:Email:Port must be between 1 and 65535", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Notifications:Email:From must be an e-mail address", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Notifications:Email:UserName and Notifications:Email:Password are set together", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_EmailHostWithoutSender_Refused()
    {
        // Arrange
        await using var factory = new SettingsHostFactory(new Dictionary<string, string> { ["Notifications:Email:Host"] = "smtp.example.gov.cn" });

        // Act
        var failures = StartFailures(factory);

        // Assert
        Assert.Contains(failures, f => f.StartsWith("Notifications:Email:From is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_BadSmsSettings_RefusedNamingEachSetting()
    {
        // Arrange
        await using var factory = new SettingsHostFactory(new Dictionary<string, string>
        {
            ["Notifications:Sms:Endpoint"] = "http://sms.example.gov.cn/send",
            ["Notifications:Sms:Secret"] = "short",
            ["Notifications:Sms:MaxSegments"] = "0",
            ["Notifications:Sms:Signature"] = "",
        });

        // Act
        var failures = StartFailures(factory);

        // Assert
        Assert.Contains(failures, f => f.StartsWith("Notifications:Sms:Endpoint must be https; plain http only for a gateway on loopback", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Notifications:Sms:AppId is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Notifications:Sms:Secret is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Notifications:Sms:MaxSegments must be between 1 and 10", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Notifications:Sms:Signature must be 2 to 20 characters", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_SmsEndpointNotAUrl_Refused()
    {
        // Arrange
        await using var factory = new SettingsHostFactory(new Dictionary<string, string>
        {
            ["Notifications:Sms:Endpoint"] = "sms-gateway:8080",
            ["Notifications:Sms:AppId"] = "aiplustasks",
            ["Notifications:Sms:Secret"] = "a-secret-of-sixteen-or-more",
        });

        // Act
        var failures = StartFailures(factory);

        // Assert
        Assert.Equal(["Notifications:Sms:Endpoint must be an absolute https URL (is 'sms-gateway:8080')."], failures);
    }

    [Fact]
    public async Task Start_NoChannelSettings_StartsWithBothChannelsOff()
    {
        // Arrange
        await using var factory = new SettingsHostFactory(new Dictionary<string, string>());

        // Act
        var channels = factory.Services.GetServices<INotificationChannel>().ToList();

        // Assert
        Assert.Equal(["email", "sms"], channels.Select(c => c.Name));
        Assert.All(channels, c => Assert.False(c.IsConfigured));
    }

    private static IReadOnlyList<string> StartFailures(HostFactory factory)
    {
        var failure = Record.Exception(() => factory.CreateClient());
        var validation = Assert.IsType<OptionsValidationException>(failure is AggregateException aggregate ? aggregate.InnerException : failure);
        return [.. validation.Failures];
    }
}
