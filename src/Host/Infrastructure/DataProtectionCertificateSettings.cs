namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// Where the key-encryption certificate comes from (section <c>DataProtection:Certificate</c>): a PKCS#12 file
/// (<see cref="Path"/> and <see cref="Password"/>) or the current user's or machine's certificate store
/// (<see cref="Thumbprint"/>). Set one of the two.
/// </summary>
public sealed class DataProtectionCertificateSettings
{
    /// <summary>A <c>.pfx</c>/<c>.p12</c> file holding the certificate and its private key; relative to the content root. Default none.</summary>
    public string? Path { get; set; }

    /// <summary>The file's password (keep it in an environment variable or secret store, not in appsettings). Default none.</summary>
    public string? Password { get; set; }

    /// <summary>The SHA-1 thumbprint of a certificate in the <c>My</c> store of the current user or the machine. Default none.</summary>
    public string? Thumbprint { get; set; }

    /// <summary>Whether a certificate is configured at all.</summary>
    public bool IsSet => !string.IsNullOrWhiteSpace(Path) || !string.IsNullOrWhiteSpace(Thumbprint);
}
