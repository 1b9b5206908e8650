using AiPlusTasks.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Web.Tests.Components.Pages;

public sealed class SignInTests : WebContext
{
    private IRenderedComponent<SignIn> RenderAt(string relativeUri)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(relativeUri);
        return Render<SignIn>();
    }

    [Fact]
    public void Render_WithoutFailed_ShowsNoError()
    {
        UseCulture("zh-CN");

        var cut = RenderAt("signin?returnUrl=%2Finbox");

        Assert.Empty(cut.FindAll("#signin-error"));
        Assert.NotNull(cut.Find("form input[name=username]"));
    }

    [Fact]
    public void Render_FailedFalse_ShowsNoError()
    {
        UseCulture("zh-CN");

        var cut = RenderAt("signin?failed=false");

        Assert.Empty(cut.FindAll("#signin-error"));
    }

    [Theory]
    [InlineData("zh-CN", "用户名或密码不正确。")]
    [InlineData("en", "The user name or password is wrong.")]
    public void Render_FailedTrue_ShowsErrorInCulture(string culture, string expected)
    {
        UseCulture(culture);

        var cut = RenderAt("signin?failed=true&returnUrl=%2Finbox");

        Assert.Contains(expected, cut.Find("#signin-error").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("signin?returnUrl=%2Finbox%3Fview%3Dmine", "/inbox?view=mine")]
    [InlineData("signin?failed=true&returnUrl=%2Ftasks%2Ft-1", "/tasks/t-1")]
    public void Render_ReturnUrlInQuery_CarriedAsHiddenInput(string uri, string expected)
    {
        UseCulture("zh-CN");

        var cut = RenderAt(uri);

        var input = cut.Find("form input[type=hidden][name=returnUrl]");
        Assert.Equal(expected, input.GetAttribute("value"));
    }

    [Fact]
    public void Render_ReturnUrlWithQuotes_StaysOneAttributeValue()
    {
        UseCulture("zh-CN");
        const string hostile = "/\"><script>alert(1)</script>";

        var cut = RenderAt("signin?returnUrl=" + Uri.EscapeDataString(hostile));

        Assert.Equal(hostile, cut.Find("input[name=returnUrl]").GetAttribute("value"));
        Assert.Empty(cut.FindAll("script"));
    }
}
