using System.Net;
using System.Net.Http.Json;
using AiPlusTasks.Host.Tests.Webhooks;

namespace AiPlusTasks.Host.Tests.Delegations;

/// <summary>Each delegation change reaches the agency's webhook subscribers, signed, and no other agency's.</summary>
public sealed class DelegationWebhookTests(WebhookHostFactory factory) : IClassFixture<WebhookHostFactory>
{
    [Fact]
    public async Task CreateAndRevoke_DeliverDelegationEventsToTheAgencysSubscribersOnly()
    {
        // Arrange
        await using var guangdong = await WebhookReceiver.StartAsync();
        await using var hubei = await WebhookReceiver.StartAsync();
        await SubscribeAsync(factory.CreateClientFor("guangdong.lead"), guangdong);
        await SubscribeAsync(factory.CreateClientFor("hubei.lead"), hubei);
        var (from, client) = await factory.ColleagueAsync();
        var (to, _) = await factory.ColleagueAsync();
        var today = factory.Today();

        // Act
        var made = await client.DelegateAsync(null, to, today, today.AddDays(6));
        var id = made["id"].Str();
        await (await client.PostAsJsonAsync($"{DelegationApi.Delegations}/{id}/revoke", new { reason = "提前返岗" })).ExpectAsync(HttpStatusCode.OK);

        // Assert
        await Eventually.TrueAsync(() => Task.FromResult(Of(guangdong, id).Count >= 2), () => $"2 events, got {string.Join(", ", Of(guangdong, id).Select(r => r.Type))}");
        var received = Of(guangdong, id);
        Assert.Equal(["delegation.created", "delegation.revoked"], received.Select(r => r.Type));
        Assert.All(received, r => Assert.True(r.SignatureValid, $"bad signature on {r.Type}"));
        Assert.All(received, r => Assert.Equal(from, r.Data["fromUser"].Str()));
        Assert.All(received, r => Assert.Equal(to, r.Data["toUser"].Str()));
        Assert.Equal("提前返岗", received[1].Data["reason"].Str());
        Assert.Empty(Of(hubei, id));
    }

    private static List<ReceivedWebhook> Of(WebhookReceiver receiver, string delegationId) =>
        [.. receiver.Accepted.Where(r => r.Data["delegationId"]?.GetValue<string>() == delegationId)];

    private static async Task SubscribeAsync(HttpClient lead, WebhookReceiver receiver)
    {
        var created = await (await lead.PostAsJsonAsync("/api/webhook-subscriptions", new { url = receiver.Url, eventTypes = (string[])["delegation.created", "delegation.revoked"], description = "代理 delegation" }))
            .ExpectAsync(HttpStatusCode.Created);
        receiver.Secret = created["secret"].Str();
    }
}
