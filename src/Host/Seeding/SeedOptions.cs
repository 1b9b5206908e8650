namespace AiPlusTasks.Host.Seeding;

/// <summary>Local users for trying the product (section <c>Seed</c>), in Development and Testing only.</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    /// <summary>
    /// The password of every seeded user (<c>&lt;agency&gt;.staff</c>, <c>&lt;agency&gt;.lead</c>, <c>ndrc.admin</c>,
    /// <c>ndrc.planner</c>, <c>ndrc.supervisor</c>, <c>ndrc.auditor</c>), given to users that do not exist yet (a changed
    /// password is never reset). Unset: no seeding (Development sets one in appsettings.Development.json). Any other
    /// environment refuses to start with it set.
    /// </summary>
    public string? Password { get; set; }
}
