using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Directory;

/// <summary>
/// New user rows as Identity expects them, and the seeding of local demo and test users. Signing in (passwords, lockout,
/// two-factor) is Identity's <c>SignInManager</c> in the Host; managing users is <see cref="UserAdministration"/>.
/// </summary>
public sealed class UserStore(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider time, DisplayNames? displayNames = null)
{
    private readonly PasswordHasher<UserRecord> _hasher = new();

    /// <summary>
    /// Creates the given users when missing, all with <paramref name="password"/>, for Development and tests only: they share
    /// one salted hash, so seeding costs one key derivation, not one per user. An existing user's password is never touched
    /// (a changed password survives every restart); only the display name follows the seed, and the example contact details
    /// fill in a user who has neither an e-mail address nor a mobile number. Returns how many were created.
    /// </summary>
    public async Task<int> SeedAsync(IReadOnlyList<SeedUser> users, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = users.Select(u => u.Username).ToList();
        var existing = await db.Users.Where(u => names.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        string? hash = null;
        var created = 0;
        foreach (var user in users)
        {
            if (existing.TryGetValue(user.Username, out var record))
            {
                record.DisplayName = user.DisplayName;
                if (record.Email is null && record.PhoneNumber is null)
                {
                    SetContact(record, user);
                }

                continue;
            }

            record = NewUser(user.Username, user.AgencyCode, user.Roles, user.DisplayName, time.GetUtcNow());
            SetContact(record, user);
            hash ??= _hasher.HashPassword(record, password);
            record.PasswordHash = hash;
            db.Users.Add(record);
            created++;
        }

        await db.SaveChangesAsync(cancellationToken);
        displayNames?.Invalidate();
        return created;
    }

    /// <summary>The seed's contact details, stored as Identity stores them (the e-mail address also normalised for look-ups).</summary>
    private static void SetContact(UserRecord record, SeedUser user)
    {
        record.Email = user.Email;
        record.NormalizedEmail = user.Email?.ToUpperInvariant();
        record.PhoneNumber = user.Mobile;
    }

    /// <summary>
    /// A new user row as Identity expects it (normalised name, fresh security and concurrency stamps, lockout on), without a
    /// password. The login name is the key.
    /// </summary>
    public static UserRecord NewUser(string username, string agencyCode, IEnumerable<string> roles, string? displayName, DateTimeOffset createdAt) => new()
    {
        Id = username,
        UserName = username,
        NormalizedUserName = username.ToUpperInvariant(),
        AgencyCode = agencyCode,
        Roles = Tasks.Roles.Store(roles),
        DisplayName = displayName,
        CreatedAt = createdAt,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        LockoutEnabled = true,
    };
}
