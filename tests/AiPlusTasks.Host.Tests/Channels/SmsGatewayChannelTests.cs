using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Notifications;

namespace AiPlusTasks.Host.Tests.Channels;

/// <summary>The SMS channel against a real HTTP gateway on loopback that checks every signature itself.</summary>
public sealed class SmsGatewayChannelTests : IAsyncLifetime
{
    private const string Secret = "shared-secret-for-the-sms-gateway";
    private const string Mobile = "13800000001";
    private SmsGatewayReceiver _gateway = null!;

    public async Task InitializeAsync() => _gateway = await SmsGatewayReceiver.StartAsync(Secret);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private static Dictionary<string, string?> Settings(string endpoint) => new()
    {
        ["Notifications:Sms:Endpoint"] = endpoint,
        ["Notifications:Sms:AppId"] = "aiplustasks-test",
        ["Notifications:Sms:Secret"] = Secret,
        ["Notifications:Sms:Signature"] = "【AI+督办】",
        ["Notifications:Sms:Timeout"] = "00:00:05",
    };

    [Fact]
    public async Task SendAsync_GatewayFailsOnceThenAccepts_TransientThenSentWithTheSameKeyAndValidSignatures()
    {
        // Arrange
        await using var services = new ChannelServices(Settings(_gateway.Url));
        var channel = services.Channel(NotificationChannels.Sms);
        var message = new OutgoingMessage("5e6f7a8b9c0d", "138 0000-0001", null, "任务“推动人工智能+制造业中试”已退回，请于3个工作日内重新提交。", "zh");
        _gateway.Answers.Enqueue(500);

        // Act
        var first = await Assert.ThrowsAsync<NotificationSendException>(() => channel.SendAsync(message, CancellationToken.None));
        await channel.SendAsync(message, CancellationToken.None);

        // Assert
        Assert.False(first.Permanent);
        Assert.DoesNotContain(Mobile, first.ToString(), StringComparison.Ordinal);
        var requests = _gateway.Received.ToList();
        Assert.Equal([500, 200], requests.Select(r => r.Status));
        Assert.All(requests, r =>
        {
            Assert.True(r.SignatureValid);
            Assert.Equal("5e6f7a8b9c0d", r.IdempotencyKey);
            var body = JsonNode.Parse(r.Body)!;
            Assert.Equal("aiplustasks-test", body["appId"]!.GetValue<string>());
            Assert.Equal(Mobile, body["to"]!.GetValue<string>());
            Assert.Equal("【AI+督办】任务“推动人工智能+制造业中试”已退回，请于3个工作日内重新提交。", body["text"]!.GetValue<string>());
            Assert.Equal("5e6f7a8b9c0d", body["messageId"]!.GetValue<string>());
            Assert.Equal(r.Timestamp, body["timestamp"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        Assert.DoesNotContain(services.Log, line => line.Contains(Mobile, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(400, true)]
    [InlineData(403, true)]
    [InlineData(429, false)]
    [InlineData(503, false)]
    public async Task SendAsync_GatewayAnswers_PermanentFor4xxTransientOtherwise(int status, bool permanent)
    {
        // Arrange
        await using var services = new ChannelServices(Settings(_gateway.Url));
        var channel = services.Channel(NotificationChannels.Sms);
        _gateway.Answers.Enqueue(status);

        // Act
        var failure = await Assert.ThrowsAsync<NotificationSendException>(() =>
            channel.SendAsync(new OutgoingMessage("6f7a8b", Mobile, null, "请尽快办理", "zh"), CancellationToken.None));

        // Assert
        Assert.Equal(permanent, failure.Permanent);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Mobile, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NoGatewayListening_Transient()
    {
        // Arrange: a port that was free a moment ago, nobody listening on it now.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var services = new ChannelServices(Settings($"http://127.0.0.1:{port}/sms"));
        var channel = services.Channel(NotificationChannels.Sms);

        // Act
        var failure = await Assert.ThrowsAsync<NotificationSendException>(() =>
            channel.SendAsync(new OutgoingMessage("7a8b9c", Mobile, null, "请尽快办理", "zh"), CancellationToken.None));

        // Assert
        Assert.False(failure.Permanent);
        Assert.DoesNotContain(Mobile, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_GatewayHangs_TransientAfterTheTimeout()
    {
        // Arrange
        var settings = Settings(_gateway.Url);
        settings["Notifications:Sms:Timeout"] = "00:00:01";
        await using var services = new ChannelServices(settings);
        var channel = services.Channel(NotificationChannels.Sms);
        _gateway.Stall = TimeSpan.FromSeconds(10);

        // Act
        var failure = await Assert.ThrowsAsync<NotificationSendException>(() =>
            channel.SendAsync(new OutgoingMessage("0d1e2f", Mobile, null, "请尽快办理", "zh"), CancellationToken.None));

        // Assert
        Assert.False(failure.Permanent);
        Assert.Contains("did not answer within", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NotAMobileNumber_PermanentWithoutARequest()
    {
        // Arrange
        await using var services = new ChannelServices(Settings(_gateway.Url));
        var channel = services.Channel(NotificationChannels.Sms);

        // Act
        var failure = await Assert.ThrowsAsync<NotificationSendException>(() =>
            channel.SendAsync(new OutgoingMessage("8b9c0d", "010-6850 1234", null, "请尽快办理", "zh"), CancellationToken.None));

        // Assert
        Assert.True(failure.Permanent);
        Assert.Empty(_gateway.Received);
    }

    [Fact]
    public async Task SendAsync_TextLongerThanFiveParts_ShortenedToFit()
    {
        // Arrange
        await using var services = new ChannelServices(Settings(_gateway.Url));
        var channel = services.Channel(NotificationChannels.Sms);
        var text = string.Concat(Enumerable.Repeat("国家发展改革委督办事项提醒。", 40));

        // Act
        await channel.SendAsync(new OutgoingMessage("9c0d1e", Mobile, null, text, "zh"), CancellationToken.None);

        // Assert
        var sent = JsonNode.Parse(Assert.Single(_gateway.Received).Body)!["text"]!.GetValue<string>();
        Assert.Equal(5 * SmsText.Ucs2PerSegment, sent.Length);
        Assert.EndsWith("…", sent, StringComparison.Ordinal);
        Assert.StartsWith("【AI+督办】" + sent["【AI+督办】".Length..^1], "【AI+督办】" + text, StringComparison.Ordinal);
    }
}
