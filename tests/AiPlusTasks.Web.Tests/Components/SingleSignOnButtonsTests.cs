using AiPlusTasks.Web.Components;
using AiPlusTasks.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Web.Tests.Components;

/// <summary>The sign-in page's buttons for unified identity platforms, and the page that says why a platform user was refused.</summary>
public sealed class SingleSignOnButtonsTests : WebContext
{
    private void AddPlatforms() => Services.AddSingleton(new SingleSignOnPlatforms(
    [
        new SingleSignOnPlatform("guangdong", "广东省统一身份认证", "Guangdong unified identity"),
        new SingleSignOnPlatform("hubei", "湖北省统一身份认证", "Hubei unified identity"),
    ]));

    [Theory]
    [InlineData("zh-CN", "通过广东省统一身份认证登录", "通过湖北省统一身份认证登录")]
    [InlineData("en", "Sign in with Guangdong unified identity", "Sign in with Hubei unified identity")]
    public void Render_TwoPlatforms_AButtonEachPostingToItsRoute(string culture, string guangdong, string hubei)
    {
        UseCulture(culture);
        AddPlatforms();

        var cut = Render<SingleSignOnButtons>(p => p.Add(b => b.ReturnUrl, "/tasks/t-1"));

        var forms = cut.FindAll("form");
        Assert.Equal(["account/external/guangdong", "account/external/hubei"], forms.Select(f => f.GetAttribute("action")));
        Assert.All(forms, f => Assert.Equal("post", f.GetAttribute("method")));
        Assert.All(forms, f => Assert.Equal("/tasks/t-1", f.QuerySelector("input[name=returnUrl]")!.GetAttribute("value")));
        Assert.Equal(guangdong, cut.Find("#sso-guangdong").TextContent.Trim());
        Assert.Equal(hubei, cut.Find("#sso-hubei").TextContent.Trim());
    }

    [Fact]
    public void Render_NoPlatformConfigured_ShowsNothing()
    {
        UseCulture("zh-CN");

        var cut = Render<SingleSignOnButtons>();

        Assert.Empty(cut.FindAll("#sso-buttons"));
    }

    [Fact]
    public void SignInPage_PlatformsConfigured_ShowsTheirButtonsBelowThePasswordForm()
    {
        UseCulture("zh-CN");
        AddPlatforms();
        Services.GetRequiredService<NavigationManager>().NavigateTo("signin?returnUrl=%2Finbox");

        var cut = Render<SignIn>();

        Assert.NotNull(cut.Find("form input[name=username]"));
        Assert.Equal("/inbox", cut.Find("form[action='account/external/guangdong'] input[name=returnUrl]").GetAttribute("value"));
    }

    [Theory]
    [InlineData("zh-CN", "agency", "无法通过广东省统一身份认证登录", "所属单位")]
    [InlineData("zh-CN", "role", "无法通过广东省统一身份认证登录", "岗位")]
    [InlineData("zh-CN", "disabled", "无法通过广东省统一身份认证登录", "已停用")]
    [InlineData("zh-CN", "whatever", "无法通过广东省统一身份认证登录", "未能完成登录")]
    [InlineData("en", "not-provisioned", "Could not sign in with Guangdong unified identity", "has not been given access")]
    [InlineData("en", "second-factor", "Could not sign in with Guangdong unified identity", "two-step verification")]
    public void RefusedPage_Reason_SaysWhyInTheUsersLanguage(string culture, string reason, string title, string because)
    {
        UseCulture(culture);
        AddPlatforms();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"signin/external-refused?reason={reason}&provider=guangdong");

        var cut = Render<SingleSignOnRefused>();

        Assert.Equal(title, cut.Find("h1").TextContent.Trim());
        Assert.Contains(because, cut.Find("#sso-refused").TextContent, StringComparison.Ordinal);
        Assert.Equal("signin", cut.Find("#back-to-signin").GetAttribute("href"));
    }
}
