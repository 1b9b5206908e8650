using AiPlusTasks.Engine.Reviews;
using AiPlusTasks.Engine.Tasks;
using CsCheck;

namespace AiPlusTasks.Engine.Tests.Tasks;

/// <summary>
/// <see cref="ReviewRule.Decide"/> against a reference model: the outcome of a review is certain exactly when every way
/// the pending reviewers can still decide (approve, return or abstain each) ends the same, checked by trying them all.
/// </summary>
public sealed class ReviewRuleTests
{
    private static readonly decimal[] Shares = [0.2m, 0.3m, 0.5m, 0.6m, 0.75m, 1m];

    /// <summary>The reference: does a review pass once everyone decided (<paramref name="approved"/>, <paramref name="returned"/>)?</summary>
    private static bool Passes(string mode, int count, decimal share, int approved, int returned) => mode switch
    {
        ReviewRule.All => approved >= 1 && returned == 0,
        ReviewRule.Any => approved >= 1,
        ReviewRule.AtLeast => approved >= count,
        _ => approved >= 1 && approved >= share * (approved + returned),
    };

    /// <summary>The reference outcome: every completion of the pending reviewers, tried.</summary>
    private static string? Certain(string mode, int count, decimal share, int approved, int returned, int pending)
    {
        var outcomes = new HashSet<bool>();
        for (var approving = 0; approving <= pending; approving++)
        {
            for (var returning = 0; approving + returning <= pending; returning++)
            {
                // The rest abstain.
                outcomes.Add(Passes(mode, count, share, approved + approving, returned + returning));
            }
        }

        return outcomes.Count == 2 ? null : outcomes.Single() ? TaskOutcomes.Approved : TaskOutcomes.Returned;
    }

    [Fact]
    public void Decide_AgreesWithEveryCompletionOfThePendingReviewers() =>
        Gen.Select(Gen.Int[0, 3].Select(i => ReviewRule.Modes[i]), Gen.Int[1, 6], Gen.Int[0, 5].Select(i => Shares[i]), Gen.Int[0, 6], Gen.Int[0, 6], Gen.Int[0, 6]).Sample((mode, count, share, approved, returned, pending) =>
        {
            var rule = new ReviewRule(mode, count, (double)share);
            Assert.Equal(Certain(mode, count, share, approved, returned, pending), rule.Decide(approved, returned, pending));
        }, iter: 20_000);

    [Fact]
    public void Decide_WithNobodyPending_IsAlwaysCertain() =>
        Gen.Select(Gen.Int[0, 3].Select(i => ReviewRule.Modes[i]), Gen.Int[1, 6], Gen.Int[0, 5].Select(i => Shares[i]), Gen.Int[0, 9], Gen.Int[0, 9]).Sample((mode, count, share, approved, returned) =>
            Assert.NotNull(new ReviewRule(mode, count, (double)share).Decide(approved, returned, 0)));

    [Theory]
    [InlineData("atLeast", null, null, 3, "count")]
    [InlineData("atLeast", 4, null, 3, "count")]
    [InlineData("share", null, 0.0, 3, "share")]
    [InlineData("share", null, 1.5, 3, "share")]
    [InlineData("most", null, null, 3, "mode")]
    public void Problem_NamesTheInput(string mode, int? count, double? share, int reviewers, string input) =>
        Assert.Contains($"'{input}'", new ReviewRule(mode, count, share).Problem(reviewers));
}
