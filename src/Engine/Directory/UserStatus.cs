namespace AiPlusTasks.Engine.Directory;

/// <summary>Whether a user can sign in, as user administration shows it (正常 / 已停用 / 待改密).</summary>
public enum UserStatus
{
    /// <summary>Signs in and works.</summary>
    Active,

    /// <summary>Was given a one-time password (created or reset) and must choose a password at the next sign-in.</summary>
    PasswordChangeRequired,

    /// <summary>Disabled by an administrator or lead: cannot sign in, and every session and token of the user has ended.</summary>
    Disabled,
}
