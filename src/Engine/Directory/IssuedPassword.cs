namespace AiPlusTasks.Engine.Directory;

/// <summary>
/// A user with a new one-time password: the only time the password is available (only its salted hash is stored). The
/// user must choose a new password at the next sign-in.
/// </summary>
/// <param name="User">The user.</param>
/// <param name="OneTimePassword">The password to hand to the user, privately.</param>
public sealed record IssuedPassword(UserView User, string OneTimePassword)
{
    /// <summary>The user without the password, so the password cannot reach a log line.</summary>
    public override string ToString() => $"{nameof(IssuedPassword)} {{ User = {User}, OneTimePassword = … }}";
}
