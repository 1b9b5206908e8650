using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Scheduling;
using AiPlusTasks.Engine.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static AiPlusTasks.Engine.Tests.WorkingDays.OfficialCalendar;

namespace AiPlusTasks.Engine.Tests.WorkingDays;

/// <summary>A plan's quarterly roll on a holiday: on time by default, on the next working day when the plan says so.</summary>
public sealed class PlanCadenceWorkingDayTests : EngineTest
{
    internal override Task<EngineHost> StartEngineAsync() =>
        EngineHost.StartAsync(time: new FakeTimeProvider(Local(2026, 9, 30, 10)), configure: s => s.AddSingleton(Create()));

    private async Task<DateTimeOffset?> NextRollAsync(string planId, WorkingDayRules rules)
    {
        await Engine.Services.GetRequiredService<PlanService>().SeedAsync(
            new PlanSeed(planId, "滚动", PlanService.QuarterlyCadence, [], new PlanContent { Period = "2026-Q3", WorkingDayRules = rules }));
        await Engine.Services.GetRequiredService<PlanCalendar>().StartAsync(planId, CancellationToken.None);
        var scheduler = await Engine.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        return (await scheduler.GetTrigger(new Quartz.TriggerKey(planId, PlanCalendar.TriggerGroup)))?.StartTimeUtc;
    }

    [Fact]
    public async Task QuarterlyRoll_OnNationalDay_RollsOnTimeByDefault_OrOnTheNextWorkingDayWhenThePlanSaysSo()
    {
        Assert.Equal(Local(2026, 10, 1), await NextRollAsync("on-time", new WorkingDayRules()));
        Assert.Equal(Local(2026, 10, 8), await NextRollAsync("working-day", new WorkingDayRules { RollOnWorkingDays = true }));
    }
}
