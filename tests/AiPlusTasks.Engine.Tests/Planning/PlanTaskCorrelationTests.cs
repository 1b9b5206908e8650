using AiPlusTasks.Engine.Planning;

namespace AiPlusTasks.Engine.Tests.Planning;

/// <summary>The plan-task correlation id: one type writes it (the roll, the fan-out) and reads it (the roll's colour roll-up).</summary>
public sealed class PlanTaskCorrelationTests
{
    [Theory]
    [InlineData("ai-plus-2025-2027:KT-01", "ai-plus-2025-2027", "KT-01", null, false)]
    [InlineData("ai-plus-2025-2027:KT-01:decision", "ai-plus-2025-2027", "KT-01", null, true)]
    [InlineData("ai-plus-2025-2027:KT-01:guangdong", "ai-plus-2025-2027", "KT-01", "guangdong", false)]
    public void TryParse_WhatFormatWrites_ReadsItsPartsAndFormatsItBack(string text, string planId, string taskKey, string? agency, bool isDecision)
    {
        // Act
        var parsed = PlanTaskCorrelation.TryParse(text, out var correlation);

        // Assert
        Assert.True(parsed);
        Assert.Equal(new PlanTaskCorrelation(planId, taskKey, agency, isDecision), correlation);
        Assert.Equal(text, correlation!.Format());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NKT-2026-001")]
    [InlineData("plan::guangdong")]
    [InlineData(":KT-01")]
    [InlineData("plan:KT-01:guangdong:prefecture")]
    public void TryParse_NotAPlanTaskCorrelation_ReturnsFalse(string? text)
    {
        Assert.False(PlanTaskCorrelation.TryParse(text, out var correlation));
        Assert.Null(correlation);
    }

    [Theory]
    [InlineData("ai-plus-2025-2027:KT-01", "hubei", "ai-plus-2025-2027:KT-01:hubei")]
    [InlineData("NKT-2026-001", "hubei", "NKT-2026-001:hubei")]
    [InlineData("ai-plus-2025-2027:KT-01:guangdong", "shenzhen", "ai-plus-2025-2027:KT-01:guangdong:shenzhen")]
    public void ForAgency_AParentCorrelation_AppendsTheAgency(string parent, string agency, string expected)
    {
        // Act
        var child = PlanTaskCorrelation.ForAgency(parent, agency);

        // Assert: a breakdown's part reads back as that agency's part of the same key task.
        Assert.Equal(expected, child);
        if (PlanTaskCorrelation.TryParse(parent, out var task) && task.Agency is null)
        {
            Assert.True(PlanTaskCorrelation.TryParse(child, out var part));
            Assert.Equal((task.PlanId, task.TaskKey, agency), (part.PlanId, part.TaskKey, part.Agency));
        }
    }

    [Fact]
    public void Decision_Format_IsNotAnAgencysPart()
    {
        var decision = PlanTaskCorrelation.Decision("p", "KT-03").Format();

        Assert.True(PlanTaskCorrelation.TryParse(decision, out var read));
        Assert.True(read.IsDecision);
        Assert.Null(read.Agency);
        Assert.StartsWith(PlanTaskCorrelation.PlanPrefix("p"), decision, StringComparison.Ordinal);
    }
}
