using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.AspNetCore.Identity;

namespace AiPlusTasks.Host.Security;

/// <summary>The answer of a <see cref="SignInService"/> step.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="User">The user, when <see cref="SignInOutcome.Succeeded"/>.</param>
/// <param name="NextStep">
/// When succeeded: the step left before the user gets a session (a <c>PendingSignIn</c> step: new password, two-factor
/// enrolment, code, recovery codes), or null when none is.
/// </param>
/// <param name="RetryAfter">When <see cref="SignInOutcome.Throttled"/>: how long to wait.</param>
/// <param name="Errors">When <see cref="SignInOutcome.Invalid"/>: the password policy's errors (Identity's codes and English texts).</param>
/// <param name="RecoveryCodes">After enrolment: the new recovery codes, to be shown once.</param>
public sealed record SignInAttempt(
    SignInOutcome Outcome,
    UserRecord? User = null,
    string? NextStep = null,
    TimeSpan RetryAfter = default,
    IReadOnlyList<IdentityError>? Errors = null,
    IReadOnlyList<string>? RecoveryCodes = null)
{
    /// <summary>The one refusal.</summary>
    public static SignInAttempt Failed { get; } = new(SignInOutcome.Failed);
}
