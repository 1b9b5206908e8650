using System.Security.Cryptography;
using AiPlusTasks.Engine.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>
/// Webhook signing secrets at rest: stored encrypted with ASP.NET Core Data Protection under a purpose of their own
/// (<see cref="Purpose"/>; the key ring is the database's, protected by the Host's certificate), read back only to sign a
/// delivery. A stored value is <see cref="Prefix"/> + the protected payload. A plaintext value (<c>whsec_…</c>, written
/// before secrets were encrypted) still signs, and is encrypted at start-up by <see cref="ProtectStoredAsync"/>.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    /// <summary>The Data Protection purpose of signing secrets; changing it makes every stored secret unreadable.</summary>
    public const string Purpose = "AiPlusTasks.Webhooks.SigningSecret.v1";

    /// <summary>What a stored, encrypted secret starts with.</summary>
    public const string Prefix = "dp1:";

    private const string CreatePath = "/api/webhook-subscriptions";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>A new random signing secret (<c>whsec_</c> + 32 random bytes in base64), in the clear: to show once.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The value to store for <paramref name="secret"/>.</summary>
    public string Protect(string secret) => Prefix + _protector.Protect(secret);

    /// <summary>The secret from its stored value (a plaintext value, from before encryption, as it is).</summary>
    /// <exception cref="CryptographicException">The value was encrypted with a key the ring no longer holds, or altered.</exception>
    public string Unprotect(string stored) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal) ? _protector.Unprotect(stored[Prefix.Length..]) : stored;

    /// <summary>
    /// Encrypts every subscription's secret still stored in plain text, and deletes remembered answers to
    /// <c>POST /api/webhook-subscriptions</c> (idempotency records), which held the secret of the subscription they made.
    /// Safe on several nodes at once: a row is only rewritten while it still holds the plaintext.
    /// </summary>
    /// <returns>How many secrets were encrypted.</returns>
    public async Task<int> ProtectStoredAsync(IDbContextFactory<WorkflowDbContext> dbFactory, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plain = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => !s.Secret.StartsWith(Prefix))
            .Select(s => new { s.Id, s.Secret })
            .ToListAsync(cancellationToken);
        var protectedCount = 0;
        foreach (var row in plain)
        {
            var stored = Protect(row.Secret);
            protectedCount += await db.WebhookSubscriptions.Where(s => s.Id == row.Id && s.Secret == row.Secret)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Secret, stored), cancellationToken);
        }

        await db.IdempotencyKeys.Where(r => r.Method == "POST" && (r.Path == CreatePath || r.Path.StartsWith(CreatePath + "?")))
            .ExecuteDeleteAsync(cancellationToken);
        return protectedCount;
    }
}
