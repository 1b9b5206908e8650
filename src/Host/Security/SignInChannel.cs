namespace AiPlusTasks.Host.Security;

/// <summary>Where a sign-in came from, for the audit trail.</summary>
public enum SignInChannel
{
    /// <summary>The web UI's forms (<c>/account/…</c>).</summary>
    Form,

    /// <summary>The API (<c>/api/auth/…</c>, <c>/api/account/…</c>).</summary>
    Api,
}
