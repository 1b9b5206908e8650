namespace AiPlusTasks.Engine.Webhooks;

/// <summary>One committed event: its type and the agencies it is about (empty: NDRC only).</summary>
public sealed record FeedEvent(string Type, IReadOnlyList<string> Agencies)
{
    /// <summary>Whether a caller of <paramref name="agencyCode"/> (or one seeing all agencies) should hear of it.</summary>
    public bool Concerns(string agencyCode, bool seesAllAgencies) => seesAllAgencies || Agencies.Contains(agencyCode, StringComparer.Ordinal);
}
