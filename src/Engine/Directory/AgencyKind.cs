namespace AiPlusTasks.Engine.Directory;

/// <summary>
/// The institutional category of an <see cref="Agency"/>. In <c>agencies.json</c> each value is written in camelCase
/// (<c>constituent</c>, <c>directlyUnder</c>, …). The kind says what a body is, not its role in the AI+ cascade: the
/// coordinator is found by code (<see cref="AgencyDirectory.CoordinatorCode"/>), and NDRC's kind is
/// <see cref="Constituent"/>, like the other 25 constituent departments.
/// </summary>
public enum AgencyKind
{
    /// <summary>One of the 26 constituent departments of the State Council (国务院组成部门), NDRC among them.</summary>
    Constituent,

    /// <summary>The special body (直属特设机构, i.e. 国资委) or a body directly under the State Council (直属机构).</summary>
    DirectlyUnder,

    /// <summary>
    /// A national administration managed by a ministry or commission (部委管理的国家局), or a nameplate such a body keeps
    /// (国家标准化管理委员会 under 国家市场监督管理总局); its parent is the managing body.
    /// </summary>
    Administration,

    /// <summary>An institution directly under the State Council (国务院直属事业单位), e.g. 中国科学院.</summary>
    Institution,

    /// <summary>
    /// A body in the CPC Central Committee's sequence that also carries a State Council nameplate (一个机构两块牌子),
    /// e.g. 国家互联网信息办公室 / 中央网络安全和信息化委员会办公室.
    /// </summary>
    PartyCentral,

    /// <summary>A province (省). Province-level.</summary>
    Province,

    /// <summary>An autonomous region (自治区). Province-level.</summary>
    AutonomousRegion,

    /// <summary>A municipality directly under the central government (直辖市). Province-level.</summary>
    Municipality,

    /// <summary>The Xinjiang Production and Construction Corps (新疆生产建设兵团), which reports as a province-level unit.</summary>
    Corps,
}
