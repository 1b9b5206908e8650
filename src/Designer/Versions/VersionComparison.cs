namespace AiPlusTasks.Designer.Versions;

/// <summary>The differences from one version of a definition to another, in <see cref="ChangeKind"/> order.</summary>
public sealed record VersionComparison(int FromVersion, int ToVersion, IReadOnlyList<VersionChange> Changes)
{
    public bool IsEmpty => Changes.Count == 0;

    /// <summary>The changes grouped by kind, in <see cref="ChangeKind"/> order; kinds without changes are left out.</summary>
    public IEnumerable<IGrouping<ChangeKind, VersionChange>> Groups => Changes.GroupBy(c => c.Kind).OrderBy(g => g.Key);

    /// <summary>The changes of one kind.</summary>
    public IReadOnlyList<VersionChange> Of(ChangeKind kind) => [.. Changes.Where(c => c.Kind == kind)];
}
