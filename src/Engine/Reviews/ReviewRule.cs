using System.Globalization;

namespace AiPlusTasks.Engine.Reviews;

/// <summary>
/// When a joint review passes. Reviewers who abstain count on neither side; of those who decide (approve or return),
/// <see cref="Required"/> approvals pass it: every one (<see cref="All"/>, 会签), one (<see cref="Any"/>, 或签), at least
/// <see cref="Count"/> (<see cref="AtLeast"/>), or a share of them rounded up (<see cref="ShareMode"/>). A review with no
/// approval never passes (everyone abstaining returns it). The outcome is certain as soon as the reviewers still
/// pending cannot change it: all of them approving and all of them returning would give the same outcome.
/// </summary>
/// <param name="Mode">One of <see cref="Modes"/>.</param>
/// <param name="Count">For <see cref="AtLeast"/>: the approvals needed (1 or more).</param>
/// <param name="Share">For <see cref="ShareMode"/>: the share of deciding reviewers, above 0 and at most 1.</param>
public sealed record ReviewRule(string Mode, int? Count = null, double? Share = null)
{
    /// <summary>Every reviewer who decides must approve (会签).</summary>
    public const string All = "all";

    /// <summary>One approval passes (或签).</summary>
    public const string Any = "any";

    /// <summary>At least <see cref="Count"/> approvals pass.</summary>
    public const string AtLeast = "atLeast";

    /// <summary>A share of the deciding reviewers (<see cref="Share"/>, rounded up) must approve.</summary>
    public const string ShareMode = "share";

    /// <summary>The modes, as the designer offers them.</summary>
    public static readonly IReadOnlyList<string> Modes = [All, Any, AtLeast, ShareMode];

    /// <summary>The rule's problem with <paramref name="reviewers"/> reviewers, or null when it can be met.</summary>
    public string? Problem(int reviewers) => Mode switch
    {
        All or Any => null,
        AtLeast when Count is not { } n || n < 1 => "input 'count' must be a whole number of approvals, 1 or more",
        AtLeast when Count > reviewers => string.Create(CultureInfo.InvariantCulture, $"input 'count': {Count} approvals needed of {reviewers} reviewers"),
        AtLeast => null,
        ShareMode when Share is not ({ } s and > 0 and <= 1) => "input 'share' must be a share above 0 and at most 1 (e.g. 0.5)",
        ShareMode => null,
        _ => $"input 'mode' must be one of {string.Join(", ", Modes)}",
    };

    /// <summary>How many approvals pass the review when <paramref name="deciding"/> reviewers approve or return.</summary>
    public int Required(int deciding) => Mode switch
    {
        All => Math.Max(1, deciding),
        Any => 1,
        AtLeast => Count ?? 1,

        // A share of 0.6 of 5 is 3, not 4: the product is rounded up only past floating-point noise.
        _ => Math.Max(1, (int)Math.Ceiling((Share ?? 1) * deciding - 1e-9)),
    };

    /// <summary>Whether the review passes once everyone has decided so.</summary>
    public bool Passes(int approved, int returned) => approved >= Required(approved + returned);

    /// <summary>
    /// The outcome (<see cref="Tasks.TaskOutcomes.Approved"/> or <see cref="Tasks.TaskOutcomes.Returned"/>) if it is certain
    /// with <paramref name="pending"/> reviewers still to decide, else null. Approving never hurts a review's chance and
    /// returning never helps it, so the two extremes bound every way the pending reviewers can decide.
    /// </summary>
    public string? Decide(int approved, int returned, int pending)
    {
        var best = Passes(approved + pending, returned);
        var worst = Passes(approved, returned + pending);
        return best != worst ? null : best ? Tasks.TaskOutcomes.Approved : Tasks.TaskOutcomes.Returned;
    }
}
