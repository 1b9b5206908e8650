using System.Security.Cryptography;
using AiPlusTasks.Engine.Webhooks;
using Microsoft.AspNetCore.DataProtection;

namespace AiPlusTasks.Engine.Tests.Webhooks;

/// <summary>Webhook signing secrets encrypted with Data Protection under their own purpose.</summary>
[Trait("Category", "Security")]
public sealed class WebhookSecretsTests
{
    private readonly EphemeralDataProtectionProvider _provider = new();

    [Fact]
    public void Protect_ThenUnprotect_GivesTheSecretBack_StoredValueHoldsNoneOfIt()
    {
        var secrets = new WebhookSecrets(_provider);
        var secret = WebhookSecrets.NewSecret();

        var stored = secrets.Protect(secret);

        Assert.StartsWith(WebhookSecrets.Prefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], stored, StringComparison.Ordinal);
        Assert.True(stored.Length <= 1000, $"{stored.Length} characters do not fit the column");
        Assert.Equal(secret, secrets.Unprotect(stored));
    }

    [Fact]
    public void Unprotect_PlaintextFromAnEarlierVersion_IsTheSecret()
    {
        Assert.Equal("whsec_abc", new WebhookSecrets(_provider).Unprotect("whsec_abc"));
    }

    [Fact]
    public void Unprotect_AnotherPurposeOrTampered_Throws()
    {
        var secrets = new WebhookSecrets(_provider);
        var otherPurpose = WebhookSecrets.Prefix + _provider.CreateProtector("another purpose").Protect("whsec_abc");
        var stored = secrets.Protect("whsec_abc");
        var tampered = stored[..^2] + (stored[^2] == 'A' ? "B" : "A") + stored[^1];

        Assert.ThrowsAny<CryptographicException>(() => secrets.Unprotect(otherPurpose));
        Assert.ThrowsAny<CryptographicException>(() => secrets.Unprotect(tampered));
    }
}
