using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence.Records;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>Writes domain events (<c>{type, timestamp, data}</c>) to the outbox of the current transaction.</summary>
public static class OutboxEvents
{
    /// <summary>
    /// Adds one event (of <see cref="OutboxEventTypes"/>) about <paramref name="agencies"/> (none: an event only NDRC receives); it commits or rolls back
    /// with everything else in <paramref name="db"/>.
    /// </summary>
    public static void Add(WorkflowDbContext db, string type, string? instanceId, JsonObject data, DateTimeOffset now, params IEnumerable<string> agencies) =>
        db.Outbox.Add(Create(type, instanceId, data, now, agencies));

    /// <summary>The outbox row of one event, for a caller that writes it in its own transaction.</summary>
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
