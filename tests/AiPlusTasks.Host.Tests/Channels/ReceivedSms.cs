namespace AiPlusTasks.Host.Tests.Channels;

/// <summary>One request the <see cref="SmsGatewayReceiver"/> received.</summary>
/// <param name="IdempotencyKey">The <c>Idempotency-Key</c> header.</param>
/// <param name="Timestamp">The <c>X-AiPlus-Timestamp</c> header.</param>
/// <param name="Body">The body as received.</param>
/// <param name="SignatureValid">Whether <c>X-AiPlus-Signature</c> matched the receiver's own computation.</param>
/// <param name="Status">What the receiver answered.</param>
public sealed record ReceivedSms(string IdempotencyKey, string Timestamp, string Body, bool SignatureValid, int Status);
