namespace AiPlusTasks.Host.Security;

/// <summary>Why a platform user was not signed in; the refusal page (<c>/signin/external-refused</c>) explains each.</summary>
public enum SingleSignOnRefusal
{
    /// <summary>The platform's answer was an error, was cancelled, or could not be checked (state, nonce, token).</summary>
    Failed,

    /// <summary>The user's organisation claim is missing, not mapped, or maps to more than one agency.</summary>
    Agency,

    /// <summary>None of the user's roles at the platform maps to a role here.</summary>
    Role,

    /// <summary>The user's roles need two factors and the platform did not report a second one.</summary>
    SecondFactor,

    /// <summary>The user is not linked to a local user and the platform does not provision users.</summary>
    NotProvisioned,

    /// <summary>The linked local user is disabled.</summary>
    Disabled,
}
