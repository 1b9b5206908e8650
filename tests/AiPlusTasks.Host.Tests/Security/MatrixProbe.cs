namespace AiPlusTasks.Host.Tests.Security;

/// <summary>
/// How the matrix walk calls one route: <paramref name="Send"/> makes what the call names (for the context's scope) and
/// sends it with the role's client. <paramref name="Scoped"/> routes name an agency's thing and are called for the own
/// agency's, another's and a missing one. <paramref name="Succeeded"/> tells an allowed call's answer (default: 2xx).
/// </summary>
public sealed record MatrixProbe(bool Scoped, Func<MatrixProbeContext, Task<HttpResponseMessage>> Send, Func<HttpResponseMessage, bool>? Succeeded = null)
{
    /// <summary>Whether the answer is what an allowed call gets.</summary>
    public bool IsSuccess(HttpResponseMessage response) => Succeeded?.Invoke(response) ?? response.IsSuccessStatusCode;
}
