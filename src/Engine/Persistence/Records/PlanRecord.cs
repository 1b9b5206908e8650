namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>A plan: its static layer (milestones, goal indicators, pillars, phases) and its roll cadence.</summary>
public sealed class PlanRecord
{
    public required string Id { get; set; }

    /// <summary>The plan's name in Chinese (the default language).</summary>
    public required string Name { get; set; }

    /// <summary>The plan's name in English; null when the plan file gives none.</summary>
    public string? NameEn { get; set; }

    /// <summary>Cron expression of the roll (five fields, engine time zone). Default quarterly: <c>0 0 1 1,4,7,10 *</c>.</summary>
    public required string Cadence { get; set; }

    /// <summary>The static layer, JSON; changed only by an amendment.</summary>
    public required string Static { get; set; }

    /// <summary>Number of the static layer's amendment, from 1.</summary>
    public int Amendment { get; set; } = 1;

    public int CurrentVersion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Optimistic concurrency token.</summary>
    public int ConcurrencyVersion { get; set; }
}
