namespace AiPlusTasks.Host.Tests.Security;

/// <summary>What a cell of the authorization matrix in <c>docs/security.md</c> grants.</summary>
public enum MatrixAccess
{
    /// <summary><c>✓</c>: allowed, whichever agency the thing belongs to.</summary>
    Allowed,

    /// <summary><c>own</c>: allowed for the own agency's things; another agency's is 404, like a missing one.</summary>
    Own,

    /// <summary><c>✗</c>: 403 (another agency's thing may be 404, but then the same as a missing one).</summary>
    Refused,

    /// <summary><c>401</c>: not signed in (401 under <c>/api</c>, a redirect to sign-in elsewhere).</summary>
    SignIn,
}
