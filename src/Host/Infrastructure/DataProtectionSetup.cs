using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// Protects the Data Protection key ring (kept in the database by the engine) with the configured certificate
/// (<see cref="DataProtectionSettings"/>). Without one, Development and Testing store the keys unencrypted and say so in
/// the log; any other environment refuses to start, naming the settings.
/// </summary>
public static class DataProtectionSetup
{
    public static WebApplicationBuilder AddAiPlusTasksDataProtection(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(DataProtectionSettings.SectionName).Get<DataProtectionSettings>() ?? new DataProtectionSettings();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(settings.ApplicationName);
        if (settings.Certificate.IsSet)
        {
            var certificate = Load(settings.Certificate, builder.Environment.ContentRootPath);
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        else if (builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing"))
        {
            builder.Services.AddHostedService<UnprotectedKeyRingWarning>();
        }
        else
        {
            throw new InvalidOperationException(
                $"The Data Protection keys (sign-in cookies, tokens, webhook secrets) must be encrypted at rest in {builder.Environment.EnvironmentName}: " +
                "set DataProtection:Certificate:Path (a .pfx file with its private key) and DataProtection:Certificate:Password, " +
                "or DataProtection:Certificate:Thumbprint (a certificate in the My store).");
        }

        return builder;
    }

    /// <exception cref="InvalidOperationException">The certificate is missing, unreadable, or has no RSA private key; the message names the setting.</exception>
    private static X509Certificate2 Load(DataProtectionCertificateSettings settings, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(settings.Path) && !string.IsNullOrWhiteSpace(settings.Thumbprint))
        {
            throw new InvalidOperationException("Set either DataProtection:Certificate:Path or DataProtection:Certificate:Thumbprint, not both.");
        }

        X509Certificate2 certificate;
        if (!string.IsNullOrWhiteSpace(settings.Path))
        {
            var path = System.IO.Path.GetFullPath(settings.Path, contentRoot);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"DataProtection:Certificate:Path: there is no certificate file at '{path}'.");
            }

            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings.Password, X509KeyStorageFlags.EphemeralKeySet);
            }
            catch (CryptographicException e)
            {
                throw new InvalidOperationException($"DataProtection:Certificate:Path: '{path}' cannot be read as PKCS#12 with DataProtection:Certificate:Password ({e.Message}).", e);
            }
        }
        else
        {
            certificate = FindInStores(settings.Thumbprint!.Replace(" ", "", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"DataProtection:Certificate:Thumbprint: no certificate '{settings.Thumbprint}' in the My store of the current user or the machine.");
        }

        using var key = certificate.GetRSAPrivateKey();
        return key is not null
            ? certificate
            : throw new InvalidOperationException($"DataProtection:Certificate: the certificate '{certificate.Subject}' has no RSA private key, which encrypting and reading the keys needs.");
    }

    private static X509Certificate2? FindInStores(string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            try
            {
                using var store = new X509Store(StoreName.My, location);
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
                if (found.Count > 0)
                {
                    return found[0];
                }
            }
            catch (CryptographicException)
            {
                // A store that does not exist here (the machine store on Linux): look in the next.
            }
        }

        return null;
    }

    /// <summary>Says at start-up that the key ring is stored unencrypted (Development and Testing without a certificate).</summary>
    private sealed class UnprotectedKeyRingWarning(ILogger<UnprotectedKeyRingWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning(
                "Data Protection keys are stored UNENCRYPTED in the database: no DataProtection:Certificate:Path or :Thumbprint is set. " +
                "This is allowed in Development and Testing only; anyone who can read the database can forge sign-in cookies and read webhook secrets.");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
