namespace AiPlusTasks.Workflows.Execution;

/// <summary>How an incident was resolved.</summary>
/// <param name="Action"><see cref="Retried"/> (the activity ran again) or <see cref="Skipped"/> (it was completed with <paramref name="Outcome"/>).</param>
/// <param name="By">Who resolved it (user name).</param>
/// <param name="At">When.</param>
/// <param name="Outcome">The port a skip continued from; null for a retry.</param>
/// <param name="Reason">Why, as the person gave it.</param>
public sealed record IncidentResolution(string Action, string By, DateTimeOffset At, string? Outcome, string? Reason)
{
    public const string Retried = "Retried";

    public const string Skipped = "Skipped";
}
