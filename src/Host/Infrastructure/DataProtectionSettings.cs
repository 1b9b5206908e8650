namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// ASP.NET Core Data Protection (section <c>DataProtection</c>): its key ring lives in the database (every node shares
/// it) and protects sign-in cookies, bearer and refresh tokens, antiforgery tokens and webhook signing secrets. The keys
/// are encrypted with <see cref="Certificate"/>; outside Development and Testing the Host refuses to start without one.
/// </summary>
public sealed class DataProtectionSettings
{
    public const string SectionName = "DataProtection";

    /// <summary>
    /// The name every node shares, so what one node protects another can read (the default would be each node's install
    /// folder). Default <c>AiPlusTasks</c>; changing it makes existing cookies, tokens and webhook secrets unreadable.
    /// </summary>
    public string ApplicationName { get; set; } = "AiPlusTasks";

    /// <summary>The X.509 certificate (RSA, with its private key) that encrypts the keys at rest.</summary>
    public DataProtectionCertificateSettings Certificate { get; set; } = new();
}
