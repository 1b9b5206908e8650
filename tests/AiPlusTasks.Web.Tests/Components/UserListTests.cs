using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Web.Components;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Web.Tests.Components;

public sealed class UserListTests : WebContext
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public UserListTests()
    {
        // Made by the container, so the container disposes it with the context.
        Services.AddSingleton(_ => new NamesDatabase());
        Services.AddSingleton(sp => sp.GetRequiredService<NamesDatabase>().Names);
        var names = Services.GetRequiredService<NamesDatabase>();
        names.AddUser("guangdong.staff", "guangdong", Roles.AgencyStaff, "广东省 工作人员");
        names.AddUser("guangdong.zhang", "guangdong", Roles.AgencyStaff, "张伟");
        names.AddUser("guangdong.lead", "guangdong", Roles.AgencyLead, "广东省 负责人");
        names.AddUser("guangdong.audit", "guangdong", Roles.Auditor, "李审计");
    }

    private static UserView User(string username, string agency, UserStatus status, params string[] roles) =>
        new(username, null, agency, roles, status, Created, status == UserStatus.Disabled ? Created.AddDays(1) : null);

    private IRenderedComponent<UserList> RenderList(string me, bool administrator, params UserView[] users) =>
        Render<UserList>(p => p.Add(c => c.Items, users).Add(c => c.Me, me).Add(c => c.Administrator, administrator));

    private static IElement Row(IRenderedComponent<UserList> cut, string username) =>
        cut.FindAll("#user-list tbody tr").Single(r => r.QuerySelector(".user-login")?.TextContent == username);

    private static IReadOnlyList<string> Cells(IElement row) =>
        [.. row.QuerySelectorAll("td").Take(5).Select(td => td.TextContent.Trim())];

    [Theory]
    [InlineData("zh-CN", "张伟", "广东省", "单位负责人、工作人员", "待改密")]
    [InlineData("en", "张伟", "Guangdong Province", "Agency lead, Staff", "Must change password")]
    public void Render_User_ShowsNameAgencyRolesAndStatusInWords(string culture, string name, string agency, string roles, string status)
    {
        UseCulture(culture);

        var cut = RenderList("guangdong.lead", administrator: false, User("guangdong.zhang", "guangdong", UserStatus.PasswordChangeRequired, Roles.AgencyLead, Roles.AgencyStaff));

        Assert.Equal([name, "guangdong.zhang", agency, roles, status], Cells(Row(cut, "guangdong.zhang")));
        Assert.DoesNotContain("agency-", cut.Find("#user-list tbody").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UserStatus.Active, "正常")]
    [InlineData(UserStatus.Disabled, "已停用")]
    [InlineData(UserStatus.PasswordChangeRequired, "待改密")]
    public void Render_Status_InChinese(UserStatus status, string text)
    {
        UseCulture("zh-CN");

        var cut = RenderList("ndrc.admin", administrator: true, User("guangdong.zhang", "guangdong", status, Roles.AgencyStaff));

        Assert.Equal(text, Row(cut, "guangdong.zhang").QuerySelector(".user-status")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("zh-CN", "未填写")]
    [InlineData("en", "Not given")]
    public void Render_Contact_AsTheEngineShowsIt_OrSaysNoneInWords(string culture, string none)
    {
        UseCulture(culture);
        var masked = User("guangdong.zhang", "guangdong", UserStatus.Active, Roles.AgencyStaff) with { Email = "gu***@example.gov.cn", Mobile = "138****0001" };
        var without = User("guangdong.staff", "guangdong", UserStatus.Active, Roles.AgencyStaff);

        var cut = RenderList("guangdong.lead", administrator: false, masked, without);

        var row = Row(cut, "guangdong.zhang");
        Assert.Equal("gu***@example.gov.cn", row.QuerySelector(".user-email")!.TextContent);
        Assert.Equal("138****0001", row.QuerySelector(".user-mobile")!.TextContent);
        Assert.Equal(none, Row(cut, "guangdong.staff").QuerySelector(".user-contact")!.TextContent.Trim());
    }

    [Fact]
    public void Render_RoleAccount_NamedByAgencyAndRoleInTheLanguage()
    {
        UseCulture("en");

        var cut = RenderList("ndrc.admin", administrator: true, User("guangdong.staff", "guangdong", UserStatus.Active, Roles.AgencyStaff));

        Assert.Equal("Guangdong Province staff", Cells(Row(cut, "guangdong.staff"))[0]);
    }

    [Fact]
    public void Render_Lead_ActionsOnlyOnUsersHoldingAgencyRolesAndNoDisableOrResetOnTheirOwnRow()
    {
        UseCulture("zh-CN");

        var cut = RenderList(
            "guangdong.lead",
            administrator: false,
            User("guangdong.lead", "guangdong", UserStatus.Active, Roles.AgencyLead),
            User("guangdong.zhang", "guangdong", UserStatus.Active, Roles.AgencyStaff),
            User("guangdong.audit", "guangdong", UserStatus.Active, Roles.Auditor));

        var own = Row(cut, "guangdong.lead");
        Assert.NotNull(own.QuerySelector("button.user-edit"));
        Assert.Null(own.QuerySelector("button.user-disable"));
        Assert.Null(own.QuerySelector("button.user-reset"));
        Assert.Contains("（本人）", own.TextContent, StringComparison.Ordinal);
        var staff = Row(cut, "guangdong.zhang");
        Assert.NotNull(staff.QuerySelector("button.user-edit"));
        Assert.NotNull(staff.QuerySelector("button.user-reset"));
        Assert.NotNull(staff.QuerySelector("button.user-disable"));
        Assert.Empty(Row(cut, "guangdong.audit").QuerySelectorAll("button"));
    }

    [Fact]
    public void Render_Administrator_ManagesEveryRoleAndADisabledUserCanBeEnabled()
    {
        UseCulture("zh-CN");

        var cut = RenderList("ndrc.admin", administrator: true, User("guangdong.audit", "guangdong", UserStatus.Disabled, Roles.Auditor));

        var row = Row(cut, "guangdong.audit");
        Assert.NotNull(row.QuerySelector("button.user-enable"));
        Assert.Null(row.QuerySelector("button.user-disable"));
        Assert.Equal("启用李审计的账号", row.QuerySelector("button.user-enable")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void Click_Reset_TellsThePageWhichUser()
    {
        UseCulture("zh-CN");
        UserView? asked = null;
        var zhang = User("guangdong.zhang", "guangdong", UserStatus.Active, Roles.AgencyStaff);

        var cut = Render<UserList>(p => p.Add(c => c.Items, [zhang]).Add(c => c.Me, "guangdong.lead").Add(c => c.OnReset, (UserView u) => asked = u));
        Row(cut, "guangdong.zhang").QuerySelector("button.user-reset")!.Click();

        Assert.Equal(zhang, asked);
    }

    [Fact]
    public void Render_NoUsers_SaysSo()
    {
        UseCulture("zh-CN");

        var cut = RenderList("guangdong.lead", administrator: false);

        Assert.Equal("没有符合条件的账号。", cut.Find("#user-empty").TextContent.Trim());
    }
}
