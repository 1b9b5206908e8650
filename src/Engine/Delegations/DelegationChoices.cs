namespace AiPlusTasks.Engine.Delegations;

/// <summary>What a new delegation of <paramref name="FromUser"/>'s work may name.</summary>
/// <param name="FromUser">The delegator.</param>
/// <param name="People">The other active users of the delegator's agency (user names), the possible substitutes.</param>
/// <param name="Plans">The plans a delegation's scope may name (ids).</param>
public sealed record DelegationChoices(string FromUser, IReadOnlyList<string> People, IReadOnlyList<string> Plans);
