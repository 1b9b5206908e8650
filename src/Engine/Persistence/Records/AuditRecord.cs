namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>One line of the append-only audit trail (留痕): who did what to what, from where, and how it ended.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>What was done, a dotted name (e.g. <c>signin.password</c>, <c>user.create</c>).</summary>
    public required string Action { get; set; }

    /// <summary>Who did it: a user name, <c>system:&lt;key&gt;</c>, or the name given at sign-in when no user matched.</summary>
    public string? Actor { get; set; }

    /// <summary>What it was done to (a user, a task, a definition), when anything.</summary>
    public string? Target { get; set; }

    /// <summary>How it ended (e.g. <c>succeeded</c>, <c>failed</c>, <c>locked-out</c>, <c>refused</c>).</summary>
    public required string Outcome { get; set; }

    /// <summary>The caller's network address, when the action came over the network.</summary>
    public string? Address { get; set; }

    /// <summary>Anything else worth keeping (before/after values, a reason); never a secret.</summary>
    public string? Detail { get; set; }
}
