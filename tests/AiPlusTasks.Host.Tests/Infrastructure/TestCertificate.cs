using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AiPlusTasks.Host.Tests.Infrastructure;

/// <summary>A self-signed RSA certificate with its private key in a password-protected PKCS#12 file, made once per test run.</summary>
public static class TestCertificate
{
    /// <summary>The file's password.</summary>
    public const string Password = "test-certificate-password";

    private static readonly Lazy<string> File = new(Create);

    /// <summary>The <c>.pfx</c> file (made on first use, in the temp folder).</summary>
    public static string Path => File.Value;

    /// <summary>The settings that protect a Host's Data Protection keys with it.</summary>
    public static IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["DataProtection:Certificate:Path"] = Path,
        ["DataProtection:Certificate:Password"] = Password,
    };

    private static string Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=AiPlusTasks Data Protection (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        var folder = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aiplustasks-test-certificates")).FullName;
        var path = System.IO.Path.Combine(folder, $"data-protection-{Guid.NewGuid():N}.pfx");
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
