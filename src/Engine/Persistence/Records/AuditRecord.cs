namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>
/// One line of the append-only audit trail (留痕): who did what to what, for whom, from where, and how it ended. Lines are
/// inserted unsealed; the <c>AuditSealer</c> links them into the hash chain (<see cref="Sequence"/>, <see cref="PreviousHash"/>,
/// <see cref="Hash"/>) in one order across every writer (docs/decisions/032).
/// </summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>What was done, a dotted name (e.g. <c>signin.password</c>, <c>user.create</c>).</summary>
    public required string Action { get; set; }

    /// <summary>Who did it: a user name, <c>system:&lt;key&gt;</c>, or the name given at sign-in when no user matched.</summary>
    public string? Actor { get; set; }

    /// <summary>Whom <see cref="Actor"/> acted for through a delegation (代理), when they did: "Actor 代 ActingFor".</summary>
    public string? ActingFor { get; set; }

    /// <summary>The agency <see cref="Actor"/> acted in when the line was written (null for the system and failed sign-ins).</summary>
    public string? AgencyCode { get; set; }

    /// <summary>What it was done to (a user, a task, a definition), when anything.</summary>
    public string? Target { get; set; }

    /// <summary>How it ended (e.g. <c>succeeded</c>, <c>failed</c>, <c>locked-out</c>, <c>refused</c>).</summary>
    public required string Outcome { get; set; }

    /// <summary>The caller's network address, when the action came over the network.</summary>
    public string? Address { get; set; }

    /// <summary>Anything else worth keeping (before/after values, a reason); never a secret.</summary>
    public string? Detail { get; set; }

    /// <summary>The line's place in the hash chain (1, 2, 3… without gaps); null until the sealer links it.</summary>
    public long? Sequence { get; set; }

    /// <summary>The <see cref="Hash"/> of the line before in the chain (64 zeros for the first); null until sealed.</summary>
    public string? PreviousHash { get; set; }

    /// <summary>SHA-256 (lower-case hex) of the line's canonical form and <see cref="PreviousHash"/>; null until sealed.</summary>
    public string? Hash { get; set; }
}
