namespace AiPlusTasks.Engine.Audit;

/// <summary>The outcomes the audit trail records.</summary>
public static class AuditOutcomes
{
    public const string Succeeded = "succeeded";

    public const string Failed = "failed";

    /// <summary>Refused by a rule (not allowed, locked out, rate-limited, disabled).</summary>
    public const string Refused = "refused";
}
