using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Webhooks;

/// <summary>One request a <see cref="WebhookReceiver"/> got.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, bool SignatureValid, bool Accepted)
{
    public string Type => JsonNode.Parse(Body)!["type"]!.GetValue<string>();

    public JsonNode Data => JsonNode.Parse(Body)!["data"]!;
}
