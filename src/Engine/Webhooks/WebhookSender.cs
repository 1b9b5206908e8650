using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>
/// Sends one delivery, signed per Standard Webhooks (<c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature: v1,&lt;base64 HMAC-SHA256&gt;</c>), through the <see cref="HttpClientName"/> client: no
/// proxy, no redirects, connections only to addresses <see cref="WebhookTargetPolicy"/> allows, a timeout per attempt
/// and a couple of quick retries for transient failures (the long retries are the dispatcher's, durable).
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, WebhookSecrets secrets, TimeProvider time, IOptions<WebhookOptions> options)
{
    public const string HttpClientName = "AiPlusTasks.Webhooks";

    private const int ExcerptBytes = 1024;

    /// <summary>
    /// Posts <paramref name="payload"/> to <paramref name="url"/>, signed with the secret decrypted from
    /// <paramref name="storedSecret"/> for this request only; never throws for the receiver's faults. A secret that cannot
    /// be decrypted (the key ring or its certificate changed) is a failed attempt saying so.
    /// </summary>
    public async Task<WebhookAttempt> SendAsync(string url, string storedSecret, string eventId, string payload, CancellationToken cancellationToken)
    {
        string signature;
        var timestamp = time.GetUtcNow();
        try
        {
            signature = new StandardWebhook(secrets.Unprotect(storedSecret)).Sign(eventId, timestamp, payload);
        }
        catch (CryptographicException)
        {
            return new WebhookAttempt(false, null, "the signing secret cannot be decrypted (the Data Protection key ring or its certificate changed); make a new subscription");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", eventId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("AiPlusTasks-Webhooks", "1.0"));
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var excerpt = await ReadExcerptAsync(response, cancellationToken);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new WebhookAttempt(true, status, null)
                : new WebhookAttempt(false, status, $"HTTP {status}{(excerpt.Length > 0 ? ": " + excerpt : "")}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(false, null, e is HttpRequestException ? e.Message : $"no answer within {options.Value.AttemptTimeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>
    /// The start of the response body for the delivery log. No more than <see cref="ExcerptBytes"/> are ever read: a
    /// receiver cannot make us buffer a large or endless answer (headers are capped by the handler).
    /// </summary>
    private static async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[ExcerptBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, read).Trim();
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
