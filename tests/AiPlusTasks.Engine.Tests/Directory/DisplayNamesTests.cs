using System.Globalization;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Engine.Tests.Directory;

public sealed class DisplayNamesTests : EngineTest
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    private DisplayNames Names => Engine.Services.GetRequiredService<DisplayNames>();

    private UserStore Users => Engine.Services.GetRequiredService<UserStore>();

    internal override Task<EngineHost> StartEngineAsync() => EngineHost.StartAsync(configure: services =>
    {
        services.AddSingleton(DirectoryFiles.LoadAgencies(RepositoryDataFiles.AgenciesPath));
        services.AddSingleton(DirectoryFiles.LoadCatalog(RepositoryDataFiles.CatalogPath));
    });

    [Fact]
    public void Agency_KnownCode_IsNamedInTheCultureLanguage()
    {
        Assert.Equal("广东省", Names.Agency("guangdong", Zh));
        Assert.Equal("Guangdong Province", Names.Agency("guangdong", En));
        Assert.Equal("工业和信息化部", Names.Agency("miit", Zh));
        Assert.Equal("Ministry of Industry and Information Technology", Names.Agency("miit", En));
    }

    [Fact]
    public void Agency_NoCulture_UsesTheCurrentUiCulture()
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = En;
            Assert.Equal("Guangdong Province", Names.Agency("guangdong"));
            CultureInfo.CurrentUICulture = Zh;
            Assert.Equal("广东省", Names.Agency("guangdong"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void Lookups_UnknownCode_GiveTheCodeAndNullGivesEmpty()
    {
        Assert.Equal("atlantis", Names.Agency("atlantis", Zh));
        Assert.Equal("action.unknown", Names.Pillar("action.unknown", Zh));
        Assert.Equal("no-such-plan", Names.Plan("no-such-plan", Zh));
        Assert.Equal("nobody.staff", Names.User("nobody.staff", Zh));
        Assert.Equal("strange-kind", DisplayNames.Kind("strange-kind", Zh));
        Assert.Equal("", Names.Agency(null, Zh));
        Assert.Equal("", Names.Pillar(null, Zh));
        Assert.Equal("", Names.Plan(null, Zh));
        Assert.Equal("", Names.User(null, Zh));
    }

    [Fact]
    public void Pillar_PillarAndItem_AreNamedInTheCultureLanguage()
    {
        Assert.Equal("科学技术", Names.Pillar("action.science", Zh));
        Assert.Equal("Science and technology", Names.Pillar("action.science", En));
        var item = Engine.Services.GetRequiredService<Catalog>().FindPillarOrItem("action.industry.manufacturing")!;
        Assert.Equal(item.NameZh, Names.Pillar("action.industry.manufacturing", Zh));
        Assert.Equal(item.NameEn, Names.Pillar("action.industry.manufacturing", En));
        Assert.NotEqual(item.NameZh, item.NameEn);
    }

    [Fact]
    public async Task User_RoleAccount_IsNamedByAgencyAndRoleInEachLanguage()
    {
        await Users.SeedAsync(
            [
                new SeedUser("guangdong.staff", "guangdong", [Roles.AgencyStaff], "广东省 工作人员"),
                new SeedUser("miit.lead", "miit", [Roles.AgencyLead], null),
            ],
            "secret");

        Assert.Equal("广东省 工作人员", Names.User("guangdong.staff", Zh));
        Assert.Equal("Guangdong Province staff", Names.User("guangdong.staff", En));
        Assert.Equal("工业和信息化部 负责人", Names.User("miit.lead", Zh));
        Assert.Equal("Ministry of Industry and Information Technology lead", Names.User("miit.lead", En));
    }

    [Fact]
    public async Task User_OwnDisplayName_IsShownInBothLanguages()
    {
        await Users.SeedAsync([new SeedUser("guangdong.zhang", "guangdong", [Roles.AgencyStaff], "张伟")], "secret");

        Assert.Equal("张伟", Names.User("guangdong.zhang", Zh));
        Assert.Equal("张伟", Names.User("guangdong.zhang", En));
    }

    [Fact]
    public void User_EngineAndAgencySystems_AreNamedNotCoded()
    {
        Assert.Equal("系统", Names.User("system", Zh));
        Assert.Equal("System", Names.User("system", En));
        Assert.Equal("对接系统 gd-oa", Names.User("system:gd-oa", Zh));
    }

    [Fact]
    public async Task User_AddedBehindTheCache_IsSeenAfterTheCacheLifetimeOrAnInvalidate()
    {
        Assert.Equal("hubei.staff", Names.User("hubei.staff", Zh));
        await AddUserAsync("hubei.staff", "hubei", "湖北 小李");

        Assert.Equal("hubei.staff", Names.User("hubei.staff", Zh));
        Engine.Time.Advance(DisplayNames.CacheLifetime);
        Assert.Equal("湖北 小李", Names.User("hubei.staff", Zh));

        await AddUserAsync("hubei.lead", "hubei", "湖北 老王");
        Assert.Equal("hubei.lead", Names.User("hubei.lead", Zh));
        Names.Invalidate();
        Assert.Equal("湖北 老王", Names.User("hubei.lead", Zh));
    }

    [Fact]
    public async Task User_SeededThroughTheUserStore_IsSeenAtOnce()
    {
        Assert.Equal("hubei.staff", Names.User("hubei.staff", Zh));

        await Users.SeedAsync([new SeedUser("hubei.staff", "hubei", [Roles.AgencyStaff], null)], "secret");

        Assert.Equal("湖北省 工作人员", Names.User("hubei.staff", Zh));
    }

    [Fact]
    public async Task Plan_Seeded_IsNamedAndRefreshAsyncLoadsIt()
    {
        await using (var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            db.Plans.Add(new PlanRecord { Id = "p1", Name = "人工智能+ 行动", Cadence = "0 0 1 1,4,7,10 *", Static = "{}" });
            await db.SaveChangesAsync();
        }

        Names.Invalidate();
        await Names.RefreshAsync();

        Assert.Equal("人工智能+ 行动", Names.Plan("p1", Zh));
    }

    [Fact]
    public void StateColourKind_AreNamedInEachLanguage()
    {
        Assert.Equal("待办", DisplayNames.State(TaskState.Open, Zh));
        Assert.Equal("Claimed", DisplayNames.State(TaskState.Claimed, En));
        Assert.Equal("红", DisplayNames.Colour(TaskColour.Red, Zh));
        Assert.Equal("Yellow", DisplayNames.Colour(TaskColour.Yellow, En));
        Assert.Equal("进度填报", DisplayNames.Kind("report", Zh));
        Assert.Equal("Verification", DisplayNames.Kind("verification", En));
    }

    [Fact]
    public void AgenciesNamed_ChineseOrEnglishWords_FindTheAgency()
    {
        Assert.Contains("guangdong", Names.AgenciesNamed("广东"));
        Assert.Contains("guangdong", Names.AgenciesNamed("guangdong"));
        Assert.DoesNotContain("guangxi", Names.AgenciesNamed("广东"));
        Assert.Contains("miit", Names.AgenciesNamed("工业和信息化"));
        Assert.Empty(Names.AgenciesNamed("  "));
    }

    [Fact]
    public void PillarsNamed_ChineseOrEnglishWords_FindPillarsAndItems()
    {
        Assert.Contains("action.science", Names.PillarsNamed("科学技术"));
        Assert.Contains("action.science", Names.PillarsNamed("science and"));
        Assert.Contains("action.industry.manufacturing", Names.PillarsNamed("产业发展"));
        Assert.DoesNotContain("action.industry", Names.PillarsNamed("科学技术"));
        Assert.Empty(Names.PillarsNamed(null));
    }

    private async Task AddUserAsync(string username, string agency, string displayName)
    {
        await using var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        db.Users.Add(UserStore.NewUser(username, agency, [Roles.AgencyStaff], displayName, DateTimeOffset.UnixEpoch));
        await db.SaveChangesAsync();
    }
}
