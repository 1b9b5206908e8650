using System.Text;

namespace AiPlusTasks.Host.Tests.Robustness;

/// <summary>Who sends a malformed request: a signed-in person, an agency system with its API key, or nobody.</summary>
public enum SweepCaller
{
    NdrcPlanner,
    GuangdongStaff,
    GuangdongLead,
    GuangdongSystem,
    Anonymous,
}

/// <summary>
/// One generated request of the malformed-input sweep. <paramref name="Fields"/> are the names a 400 may give for what is
/// wrong with it (the mutated field, its parameter, or <c>body</c> for a body that is not readable JSON); none means any
/// field will do (a removed field may only show where it is used, e.g. an undeclared variable). A request that <paramref name="MustBeRejected"/> (unreadable JSON) may never be accepted.
/// </summary>
public sealed record MalformedRequest(
    string Family,
    HttpMethod Method,
    string Path,
    byte[]? Body,
    string? ContentType,
    SweepCaller Caller,
    IReadOnlyList<string> Fields,
    string? IdempotencyKey = null,
    bool MustBeRejected = false)
{
    /// <summary>How the case is printed when a property fails (CsCheck prints it with the seed).</summary>
    public override string ToString()
    {
        var body = Body is null ? "(no body)" : Encoding.UTF8.GetString(Body);
        if (body.Length > 600)
        {
            body = $"{body[..600]}… ({Body!.Length} bytes)";
        }

        return $"[{Family}] {Method} {Path} as {Caller}, content type {ContentType ?? "(none)"}, fields [{string.Join(", ", Fields)}]: {body}";
    }
}
