using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence.Records;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>Writes domain events (<c>{type, timestamp, data}</c>) to the outbox of the current transaction.</summary>
public static class OutboxEvents
{
    /// <summary>Adds one event; it commits or rolls back with everything else in <paramref name="db"/>.</summary>
    public static void Add(WorkflowDbContext db, string type, string? instanceId, JsonObject data, DateTimeOffset now) =>
        db.Outbox.Add(Create(type, instanceId, data, now));

    /// <summary>The outbox row of one event, for a caller that writes it in its own transaction.</summary>
    public static OutboxRecord Create(string type, string? instanceId, JsonObject data, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Type = type,
        InstanceId = instanceId,
        CreatedAt = now,
        Payload = new JsonObject
        {
            ["type"] = type,
            ["timestamp"] = now.ToString("O", CultureInfo.InvariantCulture),
            ["data"] = data,
        }.ToJsonString(),
    };
}
