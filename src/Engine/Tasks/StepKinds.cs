namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// The kinds of step a task can be (the <c>kind</c> input of <c>AiPlus.HumanTask</c>), and the order in which a case
/// goes through them: refine → report → unit sign-off → review by the lead agency → closure request → verification.
/// </summary>
public static class StepKinds
{
    /// <summary>Refine the measures (细化), or any other piece of work.</summary>
    public const string Task = "task";

    /// <summary>A progress report (填报): its completion data is the report, recorded when the step is submitted.</summary>
    public const string Report = "report";

    /// <summary>The working unit's own lead signs the report off before it goes up (本单位签发).</summary>
    public const string Signoff = "signoff";

    /// <summary>The lead agency reviews the report (牵头单位审核).</summary>
    public const string Review = "review";

    /// <summary>
    /// A co-unit's part of a lead unit's step (协办): a sub-task issued with the step to each of its <c>coUnits</c>; its
    /// completion data is a progress report of the co-unit's part, recorded like a <see cref="Report"/> step's
    /// (not a step of the case: the case is the lead's).
    /// </summary>
    public const string Contribution = "contribution";

    /// <summary>A decision (not shown as a step of a case).</summary>
    public const string Decision = "decision";

    /// <summary>The working unit asks to close the task (申请销号).</summary>
    public const string Closure = "closure";

    /// <summary>The closure is verified (核验销号).</summary>
    public const string Verification = "verification";

    /// <summary>Every kind, as the designer offers them.</summary>
    public static readonly IReadOnlyList<string> All = [Task, Report, Signoff, Review, Decision, Closure, Verification, Contribution];

    /// <summary>Whether a step of this kind is completed with a progress report (a report, or a co-unit's contribution).</summary>
    public static bool IsReport(string kind) => kind is Report or Contribution;

    /// <summary>The steps of a case in the order the work goes through them (<see cref="Decision"/> is not one).</summary>
    public static readonly IReadOnlyList<string> CaseOrder = [Task, Report, Signoff, Review, Closure, Verification];
}
