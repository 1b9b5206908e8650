namespace AiPlusTasks.Host.Seeding;

/// <summary>Local users for trying the product (section <c>Seed</c>).</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    /// <summary>
    /// The password of every seeded user (<c>&lt;agency&gt;.staff</c>, <c>&lt;agency&gt;.lead</c>, <c>ndrc.planner</c>,
    /// <c>ndrc.supervisor</c>, <c>ndrc.auditor</c>). Unset: no seeding (Development sets one in appsettings.Development.json).
    /// </summary>
    public string? Password { get; set; }
}
