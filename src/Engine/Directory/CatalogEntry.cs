namespace AiPlusTasks.Engine.Directory;

/// <summary>What a catalog code names: a pillar (<see cref="Item"/> null) or an item together with its pillar.</summary>
public sealed record CatalogEntry(CatalogPillar Pillar, CatalogItem? Item)
{
    /// <summary>True when the code names the pillar itself.</summary>
    public bool IsPillar => Item is null;

    /// <summary>The code of the item, or of the pillar when there is no item.</summary>
    public string Code => Item?.Code ?? Pillar.Code;

    /// <summary>The Chinese name of the item, or of the pillar.</summary>
    public string NameZh => Item?.NameZh ?? Pillar.NameZh;

    /// <summary>The English name of the item, or of the pillar.</summary>
    public string NameEn => Item?.NameEn ?? Pillar.NameEn;
}
