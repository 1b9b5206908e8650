namespace AiPlusTasks.Bench.Scale;

/// <summary>
/// One size of the cascade scenario: national key tasks × ministries × provinces.
/// </summary>
/// <param name="Name">The scenario's name, e.g. <c>cascade-medium</c>.</param>
/// <param name="NationalTasks">National key tasks started.</param>
/// <param name="Ministries">With <paramref name="RepositoryWorkflow"/>: co-unit ministries per task; else the ministries each task cascades to (lead included).</param>
/// <param name="Provinces">Provinces per task (repository workflow) or per ministry (bench cascade).</param>
/// <param name="RepositoryWorkflow">
/// True: the repository's <c>national-key-task</c> (one fan-out to co-unit ministries and provinces after the lead's
/// refine task is submitted): assignments = tasks × (ministries + provinces). False: the bench cascade
/// (<see cref="CascadeDefinitions"/>): assignments = tasks × ministries × provinces.
/// </param>
/// <param name="TargetSeconds">The target for starting every child; null when it sets none.</param>
/// <param name="TargetPeakMegabytes">The target for the peak working set; null when it sets none.</param>
internal sealed record CascadeTier(string Name, int NationalTasks, int Ministries, int Provinces, bool RepositoryWorkflow, double? TargetSeconds, double? TargetPeakMegabytes)
{
    public static CascadeTier Medium { get; } = new("cascade-medium", 150, 4, 32, RepositoryWorkflow: true, 5, null);

    public static CascadeTier Large { get; } = new("cascade-large", 125, 5, 32, RepositoryWorkflow: false, null, null);

    public static CascadeTier Stress { get; } = new("cascade-stress", 150, 40, 32, RepositoryWorkflow: false, 60, 1536);

    public int ChildrenPerTask => RepositoryWorkflow ? Ministries + Provinces : Ministries + (Ministries * Provinces);

    public int Assignments => NationalTasks * (RepositoryWorkflow ? Ministries + Provinces : Ministries * Provinces);

    /// <summary>Every instance the cascade leaves waiting: national tasks and all their descendants.</summary>
    public int Instances => NationalTasks * (1 + ChildrenPerTask);
}
