using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// Sends e-mail over SMTP with MailKit, one connection per message (<see cref="EmailOptions"/>). The message is plain
/// UTF-8 text, subject included; its <c>Message-ID</c> is <c>&lt;{MessageId}@aiplustasks&gt;</c>, so a retry carries the
/// same id and a mail system can drop the duplicate.
/// </summary>
/// <remarks>
/// Failures: no connection, a time-out, TLS or sign-in problems and 4xx answers are transient (sending later may work, also
/// after the operator fixes the settings); a 5xx refusal of the recipient or of the message, or an address that is not one,
/// is permanent. Exception messages and log lines never hold the recipient's address: the server's own answer may quote
/// it, so it is not passed on either.
/// </remarks>
public sealed class EmailChannel(IOptions<EmailOptions> options, TimeProvider time, ILogger<EmailChannel> logger) : INotificationChannel
{
    /// <summary>The domain part of every <c>Message-ID</c>.</summary>
    public const string MessageIdDomain = "aiplustasks";

    /// <inheritdoc />
    public string Name => NotificationChannels.Email;

    /// <inheritdoc />
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Host);

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!IsConfigured)
        {
            throw new NotificationSendException($"no SMTP server is configured ({EmailOptions.SectionName}:Host)", permanent: false);
        }

        var email = Compose(message, settings);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host!.Trim(), settings.Port, ToSocketOptions(settings.Security), timeout.Token);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", timeout.Token);
            }

            await client.SendAsync(email, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationSendException($"the SMTP server {Server(settings)} did not answer within {settings.Timeout}", permanent: false);
        }
        catch (SmtpCommandException e)
        {
            // The server's text may quote the address: only the code and what was refused go on.
            var code = (int)e.StatusCode;
            var permanent = code >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
            var what = e.ErrorCode switch
            {
                SmtpErrorCode.RecipientNotAccepted => "the recipient",
                SmtpErrorCode.SenderNotAccepted => $"the sender ({EmailOptions.SectionName}:From)",
                SmtpErrorCode.MessageNotAccepted => "the message",
                _ => "a command",
            };
            throw new NotificationSendException($"the SMTP server {Server(settings)} refused {what} ({code})", permanent);
        }
        catch (AuthenticationException e)
        {
            throw new NotificationSendException($"the SMTP server {Server(settings)} refused the sign-in of {EmailOptions.SectionName}:UserName", permanent: false, e);
        }
        catch (Exception e) when (e is SocketException or IOException or SslHandshakeException or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException or NotSupportedException)
        {
            throw new NotificationSendException($"could not send through the SMTP server {Server(settings)}: {e.GetType().Name}", permanent: false, e);
        }

        logger.LogDebug("E-mail {MessageId} sent through {Server}", message.MessageId, Server(settings));
    }

    private MimeMessage Compose(OutgoingMessage message, EmailOptions settings)
    {
        if (!MailboxAddress.TryParse(message.Address, out var recipient) || string.IsNullOrWhiteSpace(recipient.Address))
        {
            throw new NotificationSendException("the recipient's e-mail address is not an address", permanent: true);
        }

        var body = new TextPart(MimeKit.Text.TextFormat.Plain);
        body.SetText(Encoding.UTF8, message.Body);
        var email = new MimeMessage
        {
            Subject = message.Subject ?? "",
            Body = body,
            Date = time.GetUtcNow(),
            MessageId = $"{message.MessageId}@{MessageIdDomain}",
        };
        email.From.Add(new MailboxAddress(settings.FromName, settings.From!.Trim()));
        email.To.Add(new MailboxAddress("", recipient.Address));
        email.Headers.Add(HeaderId.ContentLanguage, message.Language == "en" ? "en" : "zh-CN");
        return email;
    }

    private static SecureSocketOptions ToSocketOptions(EmailSecurity security) => security switch
    {
        EmailSecurity.None => SecureSocketOptions.None,
        EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        EmailSecurity.Auto => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };

    private static string Server(EmailOptions settings) => $"{settings.Host}:{settings.Port}";
}
