namespace AiPlusTasks.Engine.Tasks;

/// <summary>Where a case stands on one of its steps.</summary>
public enum CaseStepState
{
    /// <summary>The case went past this step.</summary>
    Done,

    /// <summary>The case's open work is at this step.</summary>
    Current,

    /// <summary>The case has not reached this step yet.</summary>
    Upcoming,
}
