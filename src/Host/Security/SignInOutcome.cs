namespace AiPlusTasks.Host.Security;

/// <summary>How a step of signing in (password, second factor, new password, enrolment) ended.</summary>
public enum SignInOutcome
{
    /// <summary>The step is done; <see cref="SignInAttempt.NextStep"/> says what is left.</summary>
    Succeeded,

    /// <summary>
    /// Refused: wrong password or code, unknown, locked-out or disabled user — one answer for all, so the answer tells
    /// nothing about which names exist.
    /// </summary>
    Failed,

    /// <summary>Too many attempts for this user name or too many password checks at once: try after <see cref="SignInAttempt.RetryAfter"/>.</summary>
    Throttled,

    /// <summary>The password was right, but the user signs in with a second factor, which was not given.</summary>
    SecondFactorRequired,

    /// <summary>The new password breaks the password policy (<see cref="SignInAttempt.Errors"/>).</summary>
    Invalid,
}
