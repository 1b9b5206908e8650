using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Directory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// Sends text messages through the configured HTTP gateway: one signed <c>POST</c> per attempt, the request and its
/// signature as <see cref="SmsGatewayOptions"/> describes them. The text is shortened to the length rules first
/// (<see cref="SmsText.Fit"/>) and sent after the signature.
/// </summary>
/// <remarks>
/// 2xx: sent. 5xx, 408, 429, a time-out or no connection: transient. Any other 4xx, or an address that is not a mainland
/// mobile number: permanent. Exception messages and log lines never hold the number, and the gateway's answer (which
/// may quote it) is not passed on.
/// </remarks>
public sealed class SmsGatewayChannel(
    IHttpClientFactory httpClients,
    IOptions<SmsGatewayOptions> options,
    SmsText smsText,
    TimeProvider time,
    ILogger<SmsGatewayChannel> logger) : INotificationChannel
{
    /// <summary>The named <see cref="HttpClient"/> the channel sends with.</summary>
    public const string HttpClientName = "sms-gateway";

    /// <summary>The header carrying the request's Unix time in seconds.</summary>
    public const string TimestampHeader = "X-AiPlus-Timestamp";

    /// <summary>The header carrying <c>v1=</c> and the request's signature.</summary>
    public const string SignatureHeader = "X-AiPlus-Signature";

    /// <summary>The header carrying the message id, the same on every retry.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <inheritdoc />
    public string Name => NotificationChannels.Sms;

    /// <inheritdoc />
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Endpoint);

    /// <summary>The signature of a request: <c>v1=</c> + base64 HMAC-SHA256 of <c>{timestamp}.{body}</c> keyed with the secret's UTF-8 bytes.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        "v1=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!IsConfigured)
        {
            throw new NotificationSendException($"no SMS gateway is configured ({SmsGatewayOptions.SectionName}:Endpoint)", permanent: false);
        }

        var to = ContactDetails.NormalizeMobile(message.Address)
            ?? throw new NotificationSendException("the recipient's number is not a mainland mobile number", permanent: true);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var stamp = timestamp.ToString(CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["appId"] = settings.AppId,
            ["to"] = to,
            ["text"] = smsText.Signature + smsText.Fit(message.Body),
            ["messageId"] = message.MessageId,
            ["timestamp"] = timestamp,
        }.ToJsonString();

        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint!.Trim())
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(IdempotencyKeyHeader, message.MessageId);
        request.Headers.Add(TimestampHeader, stamp);
        request.Headers.Add(SignatureHeader, Sign(settings.Secret!, stamp, body));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        HttpStatusCode status;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = response.StatusCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationSendException($"the SMS gateway did not answer within {settings.Timeout}", permanent: false);
        }
        catch (HttpRequestException e)
        {
            throw new NotificationSendException($"could not reach the SMS gateway: {e.HttpRequestError}", permanent: false, e);
        }

        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            logger.LogDebug("SMS {MessageId} accepted by the gateway ({Status})", message.MessageId, code);
            return;
        }

        var transient = code >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
        throw new NotificationSendException($"the SMS gateway answered {code}", permanent: !transient);
    }
}
