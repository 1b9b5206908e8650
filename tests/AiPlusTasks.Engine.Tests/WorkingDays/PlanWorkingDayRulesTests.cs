using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Engine.Tests.WorkingDays;

/// <summary>A plan's working-day rules reach the tasks its roll starts: working days by default, calendar days when the plan says so.</summary>
public sealed class PlanWorkingDayRulesTests : EngineTest
{
    private static readonly Caller MiitStaff = new("miit.staff", "miit", new HashSet<string> { Roles.AgencyStaff });

    private PlanService Plans => Engine.Services.GetRequiredService<PlanService>();

    internal override Task<EngineHost> StartEngineAsync() => EngineHost.StartAsync(configure: s => s.AddSingleton(OfficialCalendar.Create()));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.PublishWorkflowFilesAsync();
    }

    /// <summary>Seeds a plan with one key task for miit, rolls it (at the engine's epoch, Monday 2026-01-05 08:00 China time) and returns the refine task and the workflow's input.</summary>
    private async Task<(TaskSummary Refine, JsonObject Input)> RollAsync(string planId, WorkingDayRules rules)
    {
        await Plans.SeedAsync(new PlanSeed(planId, "计日规则", null, [], new PlanContent
        {
            Period = "2026-Q1",
            WorkingDayRules = rules,
            Tasks =
            [
                new PlanTask
                {
                    Key = "K",
                    Code = "2026-Q1-K",
                    Title = "任务 K",
                    Pillar = "action.industry",
                    LeadAgency = "miit",
                    CoAgencies = ["most"],
                    Provinces = ["hubei"],
                    Period = "2026-Q1",
                    BaselineDue = new DateTimeOffset(2026, 10, 3, 23, 59, 59, TimeSpan.FromHours(8)),
                    Workflow = "national-key-task",
                },
            ],
        }));
        var version = await Plans.RollAsync(planId, "2026-Q2", "test");
        Assert.Equal(rules, version.Content.WorkingDayRules);
        var tasks = Engine.Services.GetRequiredService<TaskService>();
        TaskSummary? refine = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var items = (await tasks.ListAsync(MiitStaff, new TaskQuery(PlanId: planId))).Items;
                refine = items.Count > 0 ? items[0] : null;
                return refine is not null;
            },
            $"the refine task of plan {planId}",
            TimeSpan.FromSeconds(10));
        var instanceId = Assert.Single(version.Content.Tasks).InstanceId!;
        return (refine!, (await Engine.Runtime.GetAsync(instanceId)).Input);
    }

    [Fact]
    public async Task Roll_DefaultRules_TasksCountWorkingDaysAndMoveDeadlinesOffHolidays()
    {
        var (refine, input) = await RollAsync("working-plan", new WorkingDayRules());

        // The refine step is due in P15D: 15 working days from Monday 01-05 is Monday 01-26, same time of day.
        Assert.Equal(new DateTimeOffset(2026, 1, 26, 0, 0, 0, TimeSpan.Zero), refine.DueAt);
        Assert.Equal("working", input["dayCount"]!.GetValue<string>());
        Assert.True(input["moveOffNonWorkingDays"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Roll_CalendarDayRules_TasksKeepTheOldCalendarDayMeaning()
    {
        var (refine, input) = await RollAsync("calendar-plan", new WorkingDayRules { CountWorkingDays = false, MoveDeadlineOffNonWorkingDays = false });

        Assert.Equal(new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero), refine.DueAt);
        Assert.Equal("calendar", input["dayCount"]!.GetValue<string>());
        Assert.False(input["moveOffNonWorkingDays"]!.GetValue<bool>());
    }
}
