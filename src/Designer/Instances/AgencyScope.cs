namespace AiPlusTasks.Designer.Instances;

/// <summary>Which agencies an agency picker offers.</summary>
public enum AgencyScope
{
    /// <summary>Ministries and province-level units, in two groups.</summary>
    All,

    /// <summary>The central bodies NDRC assigns tasks to (neither NDRC nor a province-level unit).</summary>
    Ministries,

    /// <summary>The 32 province-level units.</summary>
    Provinces,
}
