namespace AiPlusTasks.Engine.Directory;

/// <summary>An item under a pillar of the AI+ catalog, e.g. <c>action.industry.manufacturing</c>.</summary>
/// <param name="Code">Stable code: the pillar's code, a dot and one lower-case segment.</param>
/// <param name="PillarCode">The code of the pillar the item belongs to.</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="NameEn">English name.</param>
public sealed record CatalogItem(string Code, string PillarCode, string NameZh, string NameEn);
