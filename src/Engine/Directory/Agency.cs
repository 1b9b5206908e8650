namespace AiPlusTasks.Engine.Directory;

/// <summary>One body in the agency directory: a State Council department or body, or a province-level unit.</summary>
/// <param name="Code">Stable lower-case ASCII code, e.g. <c>ndrc</c>, <c>miit</c>, <c>guangdong</c>, <c>bingtuan</c>.</param>
/// <param name="NameZh">Full official Chinese name, e.g. 国家发展和改革委员会, 广东省.</param>
/// <param name="NameEn">Common English name, e.g. National Development and Reform Commission, Guangdong Province.</param>
/// <param name="Kind">The institutional category.</param>
/// <param name="ParentCode">
/// The managing body of a ministry-managed national administration (e.g. <c>nda</c> → <c>ndrc</c>); null for everything
/// else, province-level units included.
/// </param>
public sealed record Agency(string Code, string NameZh, string NameEn, AgencyKind Kind, string? ParentCode)
{
    /// <summary>True for the 32 province-level units: provinces, autonomous regions, municipalities and the Corps.</summary>
    public bool IsProvinceLevel => Kind is AgencyKind.Province or AgencyKind.AutonomousRegion or AgencyKind.Municipality or AgencyKind.Corps;
}
