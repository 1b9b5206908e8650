namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// The HTTP gateway the SMS channel sends through (section <c>Notifications:Sms</c>). Without <see cref="Endpoint"/> the
/// channel is not configured and its deliveries wait. Checked at start-up (<see cref="SmsGatewayOptionsValidator"/>).
/// </summary>
/// <remarks>
/// <para>The request, one per message and attempt: <c>POST {Endpoint}</c> with the JSON body
/// <c>{"appId": AppId, "to": "13800000001", "text": Signature + text, "messageId": "…", "timestamp": 1797292800}</c>
/// (<c>timestamp</c>: Unix seconds, UTF-8) and the headers</para>
/// <list type="bullet">
/// <item><c>Idempotency-Key: {messageId}</c> — the same on every retry of one message, so the gateway can drop duplicates;</item>
/// <item><c>X-AiPlus-Timestamp: {timestamp}</c>;</item>
/// <item><c>X-AiPlus-Signature: v1={base64(HMAC-SHA256(key: UTF-8 bytes of Secret, data: UTF-8 bytes of "{timestamp}.{body}"))}</c>,
/// where <c>body</c> is the request body exactly as sent.</item>
/// </list>
/// <para>The gateway checks the signature with the shared secret and should refuse a timestamp far from its clock.
/// Answers: 2xx sent; 5xx, 408, 429, a time-out or no connection: tried again later; any other 4xx: refused for good.</para>
/// </remarks>
public sealed class SmsGatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Notifications:Sms";

    /// <summary>The gateway's URL: https, or http on loopback (a gateway on the same machine, tests). Default none: SMS is off.</summary>
    public string? Endpoint { get; set; }

    /// <summary>This product's account at the gateway, sent as <c>appId</c>; required with <see cref="Endpoint"/>.</summary>
    public string? AppId { get; set; }

    /// <summary>The shared secret that signs requests, at least 16 characters; required with <see cref="Endpoint"/>. Keep it out of files.</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// The registered signature sent before every text, 2–20 characters, e.g. <c>【AI+督办】</c> (the default). It counts
    /// towards the length (<see cref="SmsText"/>).
    /// </summary>
    public string Signature { get; set; } = "【AI+督办】";

    /// <summary>Most parts one message may take; longer texts are shortened (<see cref="SmsText.Fit"/>). 1–10, default 5.</summary>
    public int MaxSegments { get; set; } = 5;

    /// <summary>Longest one request may take, connection included; 1 second to 2 minutes. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
