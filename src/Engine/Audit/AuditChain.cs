using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiPlusTasks.Engine.Persistence.Records;

namespace AiPlusTasks.Engine.Audit;

/// <summary>
/// How a line of the audit trail is hashed into the chain (docs/decisions/032): SHA-256 over the previous line's hash, a
/// line break and the line's canonical form — a JSON array of its sequence, id, time (UTC ticks), action, actor, acting
/// for, agency, target, outcome, address and detail, in that order. The sealer and the verifier both hash through here.
/// </summary>
internal static class AuditChain
{
    /// <summary>The previous hash of the first line: 64 zeros.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The hash of <paramref name="line"/> as it stands (its <see cref="AuditRecord.Sequence"/> set), after <paramref name="previousHash"/>.</summary>
    public static string Hash(AuditRecord line, string previousHash)
    {
        var canonical = JsonSerializer.Serialize<string?[]>(
        [
            line.Sequence?.ToString(CultureInfo.InvariantCulture),
            line.Id.ToString(CultureInfo.InvariantCulture),
            line.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            line.Action,
            line.Actor,
            line.ActingFor,
            line.AgencyCode,
            line.Target,
            line.Outcome,
            line.Address,
            line.Detail,
        ]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + canonical)));
    }
}
