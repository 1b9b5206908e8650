using System.Net;
using System.Net.Sockets;
using System.Text;
using AiPlusTasks.Engine.Notifications;
using MimeKit;
using netDumbster.smtp;

namespace AiPlusTasks.Host.Tests.Channels;

/// <summary>The e-mail channel against real SMTP servers on loopback: netDumbster, a refusing server, and no server at all.</summary>
public sealed class EmailChannelTests : IAsyncLifetime
{
    private const string Address = "guangdong.staff@example.gov.cn";
    private SimpleSmtpServer _smtp = null!;

    public Task InitializeAsync()
    {
        _smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _smtp.Dispose();
        return Task.CompletedTask;
    }

    private static Dictionary<string, string?> Settings(int port) => new()
    {
        ["Notifications:Email:Host"] = "127.0.0.1",
        ["Notifications:Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Email:Security"] = "None",
        ["Notifications:Email:From"] = "duban@ndrc.example.gov.cn",
        ["Notifications:Email:FromName"] = "AI+督办",
        ["Notifications:Email:Timeout"] = "00:00:05",
    };

    [Fact]
    public async Task SendAsync_ChineseSubjectAndBody_ArriveDecodedExactly()
    {
        // Arrange
        await using var services = new ChannelServices(Settings(_smtp.Configuration.Port));
        var channel = services.Channel(NotificationChannels.Email);
        const string subject = "【催办】“推动人工智能+制造业应用中试基地建设”已退回，请于3个工作日内重新提交";
        const string body = "广东省 工作人员：\n您的任务“推动人工智能+制造业应用中试基地建设”被国家发展改革委退回。\n退回意见：请补充证明材料（≥3份）。\n截止：2026年12月18日";
        var message = new OutgoingMessage("b7f1c2d4e5a64b1f9e0d1c2b3a4f5e6d", Address, subject, body, "zh");

        // Act
        Assert.True(channel.IsConfigured);
        await channel.SendAsync(message, CancellationToken.None);

        // Assert
        var received = Assert.Single(_smtp.ReceivedEmail);
        var parsed = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)), CancellationToken.None);
        Assert.Equal(subject, parsed.Subject);
        Assert.NotNull(parsed.TextBody);
        Assert.Equal(body, parsed.TextBody.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(Address, Assert.Single(parsed.To.Mailboxes).Address);
        Assert.Equal("duban@ndrc.example.gov.cn", Assert.Single(parsed.From.Mailboxes).Address);
        Assert.Equal("AI+督办", parsed.From.Mailboxes.Single().Name);
        Assert.Equal("utf-8", parsed.BodyParts.OfType<TextPart>().Single().ContentType.Charset, ignoreCase: true);
    }

    [Fact]
    public async Task SendAsync_SameMessageTwice_CarriesTheSameMessageId()
    {
        // Arrange
        await using var services = new ChannelServices(Settings(_smtp.Configuration.Port));
        var channel = services.Channel(NotificationChannels.Email);
        var message = new OutgoingMessage("0c5e7a1b2d3f4e5a8b9c0d1e2f3a4b5c", Address, "每日待办", "今天到期：2项", "zh");
        var other = message with { MessageId = "ffffeeeeddddccccbbbbaaaa99998888" };

        // Act
        await channel.SendAsync(message, CancellationToken.None);
        await channel.SendAsync(message, CancellationToken.None);
        await channel.SendAsync(other, CancellationToken.None);

        // Assert
        // The server's store does not keep arrival order: count the ids instead.
        var ids = _smtp.ReceivedEmail.Select(e => e.Headers["Message-ID"]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["<0c5e7a1b2d3f4e5a8b9c0d1e2f3a4b5c@aiplustasks>", "<0c5e7a1b2d3f4e5a8b9c0d1e2f3a4b5c@aiplustasks>", "<ffffeeeeddddccccbbbbaaaa99998888@aiplustasks>"],
            ids);
    }

    [Fact]
    public async Task SendAsync_NoServerOnThePort_TransientWithoutTheAddress()
    {
        // Arrange: a port that was free a moment ago, nobody listening on it now.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var services = new ChannelServices(Settings(port));
        var channel = services.Channel(NotificationChannels.Email);

        // Act
        var failure = await Assert.ThrowsAsync<NotificationSendException>(() =>
            channel.SendAsync(new OutgoingMessage("1a2b3c", Address, "催办", "请尽快办理", "zh"), CancellationToken.None));

        // Assert
        Assert.False(failure.Permanent);
        Assert.Contains($"127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("guangdong.staff", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(services.Log, line => line.Contains("guangdong.staff", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(550, true)]
    [InlineData(450, false)]
    public async Task SendAsync_RecipientRefused_PermanentOn5xxTransientOn4xx_WithoutTheAddress(int code, bool permanent)
    {
        // Arrange: the server quotes the address in its refusal, as real ones do.
        await using var refusing = new RefusingSmtpServer(code);
        await using var services = new ChannelServices(Settings(refusing.Port));
        var channel = services.Channel(NotificationChannels.Email);

        // Act
        var failure = await Assert.ThrowsAsync<NotificationSendException>(() =>
            channel.SendAsync(new OutgoingMessage("2b3c4d", Address, "催办", "请尽快办理", "zh"), CancellationToken.None));

        // Assert
        Assert.Equal(permanent, failure.Permanent);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("guangdong.staff", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(services.Log, line => line.Contains("guangdong.staff", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_AddressThatIsNoAddress_PermanentWithoutSending()
    {
        // Arrange
        await using var services = new ChannelServices(Settings(_smtp.Configuration.Port));
        var channel = services.Channel(NotificationChannels.Email);

        // Act
        var failure = await Assert.ThrowsAsync<NotificationSendException>(() =>
            channel.SendAsync(new OutgoingMessage("3c4d5e", "not an address", "催办", "请尽快办理", "zh"), CancellationToken.None));

        // Assert
        Assert.True(failure.Permanent);
        Assert.Empty(_smtp.ReceivedEmail);
    }

    [Fact]
    public async Task IsConfigured_NoHost_FalseAndSendingWaits()
    {
        // Arrange
        await using var services = new ChannelServices(new Dictionary<string, string?>());
        var channel = services.Channel(NotificationChannels.Email);

        // Act
        var failure = await Assert.ThrowsAsync<NotificationSendException>(() =>
            channel.SendAsync(new OutgoingMessage("4d5e6f", Address, "催办", "请尽快办理", "zh"), CancellationToken.None));

        // Assert
        Assert.False(channel.IsConfigured);
        Assert.False(failure.Permanent);
        Assert.Contains("Notifications:Email:Host", failure.Message, StringComparison.Ordinal);
    }
}
