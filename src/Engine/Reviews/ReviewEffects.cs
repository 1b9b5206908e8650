using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Engine.Reviews;

/// <summary>The rows of joint reviews that a burst commits.</summary>
internal static class ReviewEffects
{
    /// <summary>
    /// One burst's changes to a review: its row and its reviewers' rows, inserted or updated, and its events. Each
    /// updated row carries its new concurrency version and is written only over the version before it, so a row changed
    /// by anyone else fails the burst (the review's bursts are its only writers).
    /// </summary>
    internal sealed record Written(
        ReviewRecord Review,
        bool ReviewIsNew,
        bool ReviewChanged,
        IReadOnlyList<ReviewParticipantRecord> NewParticipants,
        IReadOnlyList<ReviewParticipantRecord> ChangedParticipants,
        IReadOnlyList<ReviewEvent> Events) : IPersistentEffect
    {
        public async Task ApplyAsync(EffectContext context, CancellationToken cancellationToken)
        {
            if (ReviewIsNew)
            {
                await context.InsertAsync([Review], cancellationToken);
            }
            else if (ReviewChanged)
            {
                await context.UpdateAsync(Review, Review.ConcurrencyVersion - 1, cancellationToken);
            }

            await context.InsertAsync(NewParticipants, cancellationToken);
            foreach (var participant in ChangedParticipants)
            {
                await context.UpdateAsync(participant, participant.ConcurrencyVersion - 1, cancellationToken);
            }

            await context.InsertAsync([.. Events.Select(e => OutboxEvents.Create(e.Type, context.InstanceId, e.Data, context.Now, e.Agencies))], cancellationToken);
        }
    }
}

/// <summary>A review event for the outbox (and so for webhook subscribers of <paramref name="Agencies"/>).</summary>
internal sealed record ReviewEvent(string Type, JsonObject Data, IReadOnlyList<string> Agencies);
