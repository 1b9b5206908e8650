using System.Security.Claims;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Webhooks;
using AiPlusTasks.Host.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// Agency systems' webhook subscriptions (agency leads for their agency, NDRC for all; others of the agency may read),
/// their delivery logs and manual redelivery. Another agency's subscription is a 404.
/// </summary>
public static class WebhookSubscriptionEndpoints
{
    public static IEndpointRouteBuilder MapWebhookSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/webhook-subscriptions").WithTags("Webhooks").RequireAuthorization();
        group.MapGet("/", ListWebhookSubscriptions).WithName(nameof(ListWebhookSubscriptions)).ProducesValidationProblem()
            .WithSummary("List webhook subscriptions, newest first")
            .WithDescription("Paged. Agency staff and leads for their agency's subscriptions, NDRC staff and auditors for every agency's; not agency systems. Secrets are never shown again.");
        group.MapPost("/", CreateWebhookSubscription).WithName(nameof(CreateWebhookSubscription)).WithSummary("Subscribe an agency system's URL to events").ProducesValidationProblem()
            .WithoutIdempotencyKey("the answer holds the new subscription's signing secret, which is never stored in the clear, so it cannot be replayed: send the request without Idempotency-Key and delete a subscription whose secret you did not receive");
        group.MapGet("/{id}", GetWebhookSubscription).WithName(nameof(GetWebhookSubscription))
            .WithSummary("Read a webhook subscription")
            .WithDescription("Its URL, event types, state and counts. Agency staff and leads for their agency's subscriptions, NDRC staff and auditors for every agency's; not agency systems. Another agency's is a 404, like a missing one.");
        group.MapDelete("/{id}", DeleteWebhookSubscription).WithName(nameof(DeleteWebhookSubscription))
            .WithSummary("Delete a webhook subscription and its delivery log")
            .WithDescription("Its pending deliveries are dropped; 204. The agency's lead for its subscriptions, NDRC planners and supervisors for every agency's; not agency systems. Another agency's is a 404, like a missing one.");
        group.MapPost("/{id}/enable", EnableWebhookSubscription).WithName(nameof(EnableWebhookSubscription)).WithSummary("Resume a paused webhook subscription");
        group.MapPost("/{id}/disable", DisableWebhookSubscription).WithName(nameof(DisableWebhookSubscription))
            .WithSummary("Pause a webhook subscription")
            .WithDescription("Events keep being recorded for it but nothing is sent until it is enabled again (`POST …/enable`). The agency's lead for its subscriptions, NDRC planners and supervisors for every agency's; not agency systems.");
        group.MapGet("/{id}/deliveries", ListWebhookDeliveries).WithName(nameof(ListWebhookDeliveries)).WithSummary("List a webhook subscription's deliveries").ProducesValidationProblem();
        group.MapPost("/{id}/deliveries/{deliveryId:long}/redeliver", RedeliverWebhook).WithName(nameof(RedeliverWebhook)).WithSummary("Send a webhook delivery again");
        return app;
    }

    public static async Task<Ok<Page<WebhookSubscriptionView>>> ListWebhookSubscriptions(WebhookSubscriptionService subscriptions, ClaimsPrincipal user, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await subscriptions.ListAsync(CallerClaims.ToCaller(user), number, size, cancellationToken));
    }

    /// <summary>
    /// 201 with the subscription and its signing secret — shown only in this answer, never stored in the clear (so an
    /// <c>Idempotency-Key</c> is refused here with a 400: a replay could not give the secret back).
    /// </summary>
    public static async Task<Created<CreatedWebhookSubscription>> CreateWebhookSubscription(WebhookSubscriptionService subscriptions, ClaimsPrincipal user, WebhookSubscriptionInput body, CancellationToken cancellationToken)
    {
        var created = await subscriptions.CreateAsync(CallerClaims.ToCaller(user), body, cancellationToken);
        return TypedResults.Created($"/api/webhook-subscriptions/{created.Subscription.Id}", created);
    }

    public static async Task<Ok<WebhookSubscriptionView>> GetWebhookSubscription(WebhookSubscriptionService subscriptions, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await subscriptions.GetAsync(CallerClaims.ToCaller(user), id, cancellationToken));

    public static async Task<NoContent> DeleteWebhookSubscription(WebhookSubscriptionService subscriptions, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        await subscriptions.DeleteAsync(CallerClaims.ToCaller(user), id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Turns the subscription back on; deliveries that waited while it was off go out, oldest first.</summary>
    public static async Task<Ok<WebhookSubscriptionView>> EnableWebhookSubscription(WebhookSubscriptionService subscriptions, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await subscriptions.SetActiveAsync(CallerClaims.ToCaller(user), id, true, cancellationToken));

    public static async Task<Ok<WebhookSubscriptionView>> DisableWebhookSubscription(WebhookSubscriptionService subscriptions, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await subscriptions.SetActiveAsync(CallerClaims.ToCaller(user), id, false, cancellationToken));

    /// <summary>The delivery log, newest first; <c>state</c> = <c>Pending</c> | <c>Delivered</c> | <c>Failed</c> filters it.</summary>
    public static async Task<Ok<Page<WebhookDeliveryView>>> ListWebhookDeliveries(
        WebhookSubscriptionService subscriptions, ClaimsPrincipal user, string id, string? state, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        WebhookDeliveryState? wanted = null;
        if (state is not null)
        {
            wanted = Enum.TryParse<WebhookDeliveryState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw RequestValidationException.For("state", $"state must be one of {string.Join(", ", Enum.GetNames<WebhookDeliveryState>())}");
        }

        return TypedResults.Ok(await subscriptions.ListDeliveriesAsync(CallerClaims.ToCaller(user), id, wanted, number, size, cancellationToken));
    }

    /// <summary>Queues the event again with the same <c>webhook-id</c>; 409 while the delivery is still pending.</summary>
    public static async Task<Accepted<WebhookDeliveryView>> RedeliverWebhook(WebhookSubscriptionService subscriptions, ClaimsPrincipal user, string id, long deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await subscriptions.RedeliverAsync(CallerClaims.ToCaller(user), id, deliveryId, cancellationToken);
        return TypedResults.Accepted($"/api/webhook-subscriptions/{id}/deliveries", delivery);
    }
}
