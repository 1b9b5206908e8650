using AiPlusTasks.Engine.Audit;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.ApiKeys;

/// <summary>
/// API keys for agency systems. A key is <see cref="KeyPrefix"/> plus 32 random bytes in base64url; only its SHA-256
/// is stored (the key has 256 bits of entropy, so a fast hash is enough: there is nothing to guess) and it is shown
/// once, when created. Agency leads manage their own agency's keys; NDRC planners and supervisors manage every
/// agency's. A key authenticates as <c>system:&lt;name&gt;:&lt;key id&gt;</c> of its agency with the role
/// <see cref="Roles.AgencySystem"/> until it is revoked: every key is its own caller (its own history entries, its own
/// idempotency keys), whatever its name, and no two live keys of an agency share a name, so people can tell them apart.
/// </summary>
public sealed partial class ApiKeyService(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider time, AuditTrail audit, AgencyDirectory? agencies = null)
{
    /// <summary>What every key starts with, so a leaked key is recognisable (e.g. by secret scanners).</summary>
    public const string KeyPrefix = "apt_";

    /// <summary>How many leading characters of a key are stored and shown: the prefix and 8 random characters.</summary>
    public const int PrefixLength = 12;

    /// <summary>Length of a key: the prefix and 32 bytes in unpadded base64url.</summary>
    public const int KeyLength = 47;

    /// <summary>Largest page of the key list.</summary>
    public const int MaxPageSize = 200;

    /// <summary>
    /// What the caller names of agency systems start with: <c>system:&lt;name&gt;:&lt;key id&gt;</c>, as task histories,
    /// reports and idempotency records know them (<see cref="CallerName"/>).
    /// </summary>
    public const string CallerNamePrefix = "system:";

    /// <summary><see cref="ApiKeyRecord.LastUsedAt"/> is written at most this often per key, not on every request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Creates a key for a system of an agency (default: the caller's) and returns it, the only time it is shown.</summary>
    /// <exception cref="ForbiddenException">The caller is not the agency's lead nor an NDRC planner or supervisor.</exception>
    /// <exception cref="RequestValidationException">The name is missing or not 1–64 letters, digits, <c>.</c>, <c>_</c> or <c>-</c>; or the agency is unknown.</exception>
    /// <exception cref="ConflictException">A live key of the agency already has the name (409).</exception>
    public async Task<IssuedApiKey> CreateAsync(Caller caller, string? agency, string? name, CancellationToken cancellationToken = default)
    {
        RequireManager(caller);
        var agencyCode = string.IsNullOrWhiteSpace(agency) ? caller.AgencyCode : agency.Trim();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || !SystemName().IsMatch(name))
        {
            errors["name"] = ["name must be 1 to 64 letters, digits, '.', '_' or '-'"];
        }

        if (agencies is not null && agencies.Find(agencyCode) is null)
        {
            errors["agency"] = [$"unknown agency '{agencyCode}'"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        RequireManagerOf(caller, agencyCode);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Checked, not indexed: the name is for people to tell keys apart; each key is its own caller whatever its name
        // (CallerName), so two keys made at the same instant with one name would still be two callers.
        if (await db.ApiKeys.AnyAsync(k => k.AgencyCode == agencyCode && k.Name == name && k.RevokedAt == null, cancellationToken))
        {
            throw new ConflictException($"a live key of {agencyCode} is already named '{name}'; choose another name, or revoke that key first");
        }

        var key = KeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var record = new ApiKeyRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            AgencyCode = agencyCode,
            Name = name!,
            Prefix = key[..PrefixLength],
            Hash = Hash(key),
            CreatedBy = caller.Name,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(caller, AuditActions.ApiKeyCreate, record.Id, $"{record.AgencyCode}: {record.Name} ({record.Prefix}…)", cancellationToken: CancellationToken.None);
        return new IssuedApiKey(ToView(record), key);
    }

    /// <summary>
    /// One page of keys, newest first, revoked ones included: a lead sees the own agency's; NDRC planners, supervisors
    /// and auditors see every agency's, optionally of one <paramref name="agency"/>.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller is neither a lead nor NDRC staff or auditor.</exception>
    public async Task<Page<ApiKeyView>> ListAsync(Caller caller, string? agency, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        if (!caller.SeesAllAgencies && !caller.IsLead)
        {
            throw new ForbiddenException("only agency leads and NDRC staff see API keys");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = db.ApiKeys.AsNoTracking();
        if (!caller.SeesAllAgencies)
        {
            keys = keys.Where(k => k.AgencyCode == caller.AgencyCode);
        }
        else if (!string.IsNullOrWhiteSpace(agency))
        {
            keys = keys.Where(k => k.AgencyCode == agency);
        }

        var total = await keys.CountAsync(cancellationToken);
        var rows = await keys.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<ApiKeyView>([.. rows.Select(ToView)], total, page, pageSize);
    }

    /// <summary>Revokes a key: from now on it authenticates nothing. Revoking a revoked key changes nothing.</summary>
    /// <exception cref="ForbiddenException">The caller may not manage keys.</exception>
    /// <exception cref="NotFoundException">No such key, or another agency's (for a lead).</exception>
    public async Task<ApiKeyView> RevokeAsync(Caller caller, string id, CancellationToken cancellationToken = default)
    {
        RequireManager(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (record is null || !(IsNdrcManager(caller) || record.AgencyCode == caller.AgencyCode))
        {
            throw new NotFoundException($"API key '{id}' does not exist");
        }

        RequireManagerOf(caller, record.AgencyCode);
        if (record.RevokedAt is null)
        {
            record.RevokedAt = time.GetUtcNow();
            record.RevokedBy = caller.Name;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(caller, AuditActions.ApiKeyRevoke, record.Id, $"{record.AgencyCode}: {record.Name} ({record.Prefix}…)", cancellationToken: CancellationToken.None);
        }

        return ToView(record);
    }

    /// <summary>
    /// The caller a key stands for (<see cref="CallerName"/> of its agency, role <see cref="Roles.AgencySystem"/>);
    /// null for a malformed, unknown or revoked key. Hashes are compared in constant time. Records the use at most
    /// once per <see cref="LastUsedResolution"/>.
    /// </summary>
    public async Task<Caller?> AuthenticateAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key.Length != KeyLength || !key.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var prefix = key[..PrefixLength];
        var hash = Hash(key);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.ApiKeys.AsNoTracking().Where(k => k.Prefix == prefix).ToListAsync(cancellationToken);
        var match = candidates.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(k.Hash, hash));
        if (match is null || match.RevokedAt is not null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (match.LastUsedAt is null || now - match.LastUsedAt >= LastUsedResolution)
        {
            // Conditional, so concurrent requests of the same minute write once between them.
            var before = now - LastUsedResolution;
            await db.ApiKeys
                .Where(k => k.Id == match.Id && (k.LastUsedAt == null || k.LastUsedAt <= before))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return new Caller(CallerName(match.Name, match.Id), match.AgencyCode, new HashSet<string>(StringComparer.Ordinal) { Roles.AgencySystem });
    }

    /// <summary>
    /// The caller name of the key <paramref name="id"/> named <paramref name="name"/>: <c>system:&lt;name&gt;:&lt;id&gt;</c>.
    /// The id makes every key its own caller; the name (which holds no <c>:</c>) is what people see
    /// (<see cref="DisplayNames.User"/>).
    /// </summary>
    public static string CallerName(string name, string id) => $"{CallerNamePrefix}{name}:{id}";

    private static bool IsNdrcManager(Caller caller) => caller.IsNdrcStaff && caller.AgencyCode == AgencyDirectory.CoordinatorCode;

    private static void RequireManager(Caller caller)
    {
        if (!IsNdrcManager(caller) && !caller.IsLead)
        {
            throw new ForbiddenException("only agency leads and NDRC planners and supervisors manage API keys");
        }
    }

    private static void RequireManagerOf(Caller caller, string agencyCode)
    {
        if (!IsNdrcManager(caller) && !(caller.IsLead && caller.AgencyCode == agencyCode))
        {
            throw new ForbiddenException($"a lead manages the own agency's API keys, not {agencyCode}'s");
        }
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static ApiKeyView ToView(ApiKeyRecord r) =>
        new(r.Id, r.AgencyCode, r.Name, r.Prefix, r.CreatedBy, r.CreatedAt, r.RevokedBy, r.RevokedAt, r.LastUsedAt);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SystemName();
}
