namespace AiPlusTasks.Engine.Directory;

/// <summary>One of the 14 pillars of the AI+ catalog: a key action or a support, with its items.</summary>
/// <param name="Code">Stable code <c>&lt;kind&gt;.&lt;name&gt;</c>, e.g. <c>action.science</c>, <c>support.compute</c>.</param>
/// <param name="Kind">Key action or support.</param>
/// <param name="NameZh">Chinese name, e.g. 科学技术.</param>
/// <param name="NameEn">English name, e.g. Science and technology.</param>
/// <param name="Order">The pillar's number within its kind in the State Council text, from 1.</param>
/// <param name="Items">The pillar's items, in file order.</param>
public sealed record CatalogPillar(string Code, PillarKind Kind, string NameZh, string NameEn, int Order, IReadOnlyList<CatalogItem> Items);
