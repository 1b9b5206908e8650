namespace AiPlusTasks.Engine.Delegations;

/// <summary>Where a delegation stands on a day (China time).</summary>
public enum DelegationState
{
    /// <summary>Its range has not begun.</summary>
    Upcoming,

    /// <summary>Today is in its range: the substitute acts for the delegator.</summary>
    InForce,

    /// <summary>Its range is over; it ended by itself.</summary>
    Ended,

    /// <summary>Revoked before its end.</summary>
    Revoked,
}
