namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>One stored version of a definition; <see cref="Json"/> is its Elsa 3 JSON.</summary>
public sealed class WorkflowDefinitionRecord
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public int Version { get; set; }

    public string? Name { get; set; }

    public bool IsPublished { get; set; }

    public bool IsLatest { get; set; }

    public required string Json { get; set; }

    /// <summary>SHA-256 of the JSON as imported, to make seeding idempotent.</summary>
    public required string ContentHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }
}
