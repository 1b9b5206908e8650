using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Directory;

/// <summary>Users: password check (ASP.NET Core Identity's hasher) and idempotent seeding.</summary>
public sealed class UserStore(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider time, DisplayNames? displayNames = null)
{
    private readonly PasswordHasher<UserRecord> _hasher = new();

    /// <summary>The caller a user name and password belong to; null when either is wrong.</summary>
    public async Task<Caller?> AuthenticateAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Username == username, cancellationToken);
        if (user is null || _hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return null;
        }

        return ToCaller(user);
    }

    /// <summary>The caller of a known user name (e.g. from a token); null when the user no longer exists.</summary>
    public async Task<Caller?> FindAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Username == username, cancellationToken);
        return user is null ? null : ToCaller(user);
    }

    /// <summary>
    /// Creates the given users when missing, all with <paramref name="password"/>; seeded users whose password no
    /// longer matches get the new one, and their display name is set to the seed's. The seed users share one password, so they share one salted hash: seeding
    /// costs one key derivation, not one per user. Returns how many users were created.
    /// </summary>
    public async Task<int> SeedAsync(IReadOnlyList<SeedUser> users, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = users.Select(u => u.Username).ToList();
        var existing = await db.Users.Where(u => names.Contains(u.Username)).ToDictionaryAsync(u => u.Username, cancellationToken);
        var sample = existing.Values.FirstOrDefault();
        var hash = sample is not null && _hasher.VerifyHashedPassword(sample, sample.PasswordHash, password) != PasswordVerificationResult.Failed
            ? sample.PasswordHash
            : null;
        var created = 0;
        foreach (var user in users)
        {
            if (!existing.TryGetValue(user.Username, out var record))
            {
                record = new UserRecord
                {
                    Username = user.Username,
                    AgencyCode = user.AgencyCode,
                    Roles = string.Join(',', user.Roles),
                    DisplayName = user.DisplayName,
                    PasswordHash = "",
                    CreatedAt = time.GetUtcNow(),
                };
                db.Users.Add(record);
                created++;
            }

            hash ??= _hasher.HashPassword(record, password);
            record.PasswordHash = hash;
            record.DisplayName = user.DisplayName;
        }

        await db.SaveChangesAsync(cancellationToken);
        displayNames?.Invalidate();
        return created;
    }

    private static Caller ToCaller(UserRecord user) =>
        new(user.Username, user.AgencyCode, user.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
}
