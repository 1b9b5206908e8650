using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence.Records;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>Makes the outbox rows of domain events (<c>{type, timestamp, data}</c>); the caller writes them in its transaction.</summary>
public static class OutboxEvents
{
    /// <summary>
    /// The outbox row of one event (of <see cref="OutboxEventTypes"/>) about <paramref name="agencies"/> (none: an event
    /// only NDRC receives), with a new event id; it is delivered once the caller's transaction commits.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not one of <see cref="OutboxEventTypes.All"/>.</exception>
    public static OutboxRecord Create(string type, string? instanceId, JsonObject data, DateTimeOffset now, params IEnumerable<string> agencies)
    {
        if (!OutboxEventTypes.All.Contains(type))
        {
            throw new ArgumentException($"'{type}' is not an event type of {nameof(OutboxEventTypes)}", nameof(type));
        }

        var audience = string.Join(' ', agencies.Where(a => !string.IsNullOrEmpty(a)).Distinct(StringComparer.Ordinal));
        return new OutboxRecord
        {
            Id = "evt_" + Guid.NewGuid().ToString("N"),
            Type = type,
            InstanceId = instanceId,
            Agencies = audience.Length == 0 ? null : audience,
            CreatedAt = now,
            Payload = new JsonObject
            {
                ["type"] = type,
                ["timestamp"] = now.ToString("O", CultureInfo.InvariantCulture),
                ["data"] = data,
            }.ToJsonString(),
        };
    }
}
