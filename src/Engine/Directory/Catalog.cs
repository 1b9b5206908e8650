namespace AiPlusTasks.Engine.Directory;

/// <summary>
/// The AI+ catalog of 国发〔2025〕11号, immutable: the 14 pillars (6 key actions, 8 supports) with their items, and the
/// static goal indicators. Codes are compared ordinally. Build one with <see cref="DirectoryFiles.LoadCatalog"/>, which
/// also validates the file.
/// </summary>
public sealed class Catalog
{
    private readonly Dictionary<string, CatalogEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates a catalog. Only code uniqueness (across pillars and items) is checked here; the rules for the catalog
    /// file (the 14 pillars present, item codes under their pillar…) are checked by <see cref="DirectoryFiles.LoadCatalog"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Two pillars or items share a code.</exception>
    public Catalog(IEnumerable<CatalogPillar> pillars, IEnumerable<GoalIndicator> goals)
    {
        Pillars = [.. pillars];
        Goals = [.. goals];
        foreach (var pillar in Pillars)
        {
            foreach (var entry in pillar.Items.Select(i => new CatalogEntry(pillar, i)).Prepend(new CatalogEntry(pillar, null)))
            {
                if (!_entries.TryAdd(entry.Code, entry))
                {
                    throw new ArgumentException($"Duplicate catalog code '{entry.Code}'.", nameof(pillars));
                }
            }
        }

        Actions = [.. Pillars.Where(p => p.Kind == PillarKind.Action).OrderBy(p => p.Order)];
        Supports = [.. Pillars.Where(p => p.Kind == PillarKind.Support).OrderBy(p => p.Order)];
    }

    /// <summary>The codes of the 6 key actions (重点行动), in the order of the State Council text.</summary>
    public static IReadOnlyList<string> ActionCodes { get; } =
        ["action.science", "action.industry", "action.consumption", "action.wellbeing", "action.governance", "action.global"];

    /// <summary>The codes of the 8 supports (基础支撑), in the order of the State Council text.</summary>
    public static IReadOnlyList<string> SupportCodes { get; } =
        ["support.models", "support.data", "support.compute", "support.applications", "support.opensource", "support.talent", "support.policy", "support.security"];

    /// <summary>Every pillar, in the given order.</summary>
    public IReadOnlyList<CatalogPillar> Pillars { get; }

    /// <summary>The key-action pillars, by <see cref="CatalogPillar.Order"/>.</summary>
    public IReadOnlyList<CatalogPillar> Actions { get; }

    /// <summary>The support pillars, by <see cref="CatalogPillar.Order"/>.</summary>
    public IReadOnlyList<CatalogPillar> Supports { get; }

    /// <summary>The static goal indicators, in the given order.</summary>
    public IReadOnlyList<GoalIndicator> Goals { get; }

    /// <summary>
    /// What a pillar or item code names — the pillar, or the item with its pillar — or null for an unknown code
    /// (goal codes included).
    /// </summary>
    public CatalogEntry? FindPillarOrItem(string code) => _entries.GetValueOrDefault(code);
}
