namespace AiPlusTasks.Host.Tests.Security;

/// <summary>Whose thing a probe names.</summary>
public enum MatrixScope
{
    /// <summary>The route names no agency's thing (a list, a create, a public route).</summary>
    None,

    /// <summary>A thing of the caller's own agency (guangdong; agency roles only).</summary>
    Own,

    /// <summary>A thing of another agency: hubei's for the agency roles, guangdong's for NDRC users and anonymous.</summary>
    Other,

    /// <summary>A thing that does not exist: the answer must not tell it from another agency's.</summary>
    Missing,
}
