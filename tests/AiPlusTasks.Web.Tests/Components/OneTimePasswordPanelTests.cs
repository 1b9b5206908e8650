using AiPlusTasks.Web.Components;
using Bunit;

namespace AiPlusTasks.Web.Tests.Components;

public sealed class OneTimePasswordPanelTests : WebContext
{
    private const string Password = "Kq7mXp3zAb2cDd9e";

    private IRenderedComponent<OneTimePasswordPanel> RenderPanel() => Render<OneTimePasswordPanel>(p => p
        .Add(c => c.Title, "账号已创建：张三")
        .Add(c => c.Username, "guangdong.zhangsan")
        .Add(c => c.Password, Password));

    [Theory]
    [InlineData("zh-CN", "只显示这一次", "第一次登录时须设置自己的新密码")]
    [InlineData("en", "shown only this once", "When they first sign in they must set their own password")]
    public void Render_ShowsTheLoginNameAndPasswordReadOnlyWithAPlainExplanation(string culture, string once, string explanation)
    {
        UseCulture(culture);

        var cut = RenderPanel();

        Assert.Equal("guangdong.zhangsan", cut.Find("#one-time-password-username").TextContent);
        var field = cut.Find("#one-time-password-value");
        Assert.Equal(Password, field.GetAttribute("value"));
        Assert.True(field.HasAttribute("readonly"));
        Assert.Equal("off", field.GetAttribute("autocomplete"));
        Assert.Contains(once, cut.Find("#one-time-password-once").TextContent, StringComparison.Ordinal);
        Assert.Contains(explanation, cut.Find("#one-time-password-explain").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Click_Copy_WritesThePasswordToTheClipboardAndSaysSo()
    {
        UseCulture("zh-CN");
        var clipboard = JSInterop.SetupVoid("navigator.clipboard.writeText", Password);
        clipboard.SetVoidResult();

        var cut = RenderPanel();
        cut.Find("#one-time-password-copy").Click();

        Assert.Single(clipboard.Invocations);
        Assert.Contains("已复制", cut.Find("#one-time-password-copy").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Click_Copy_WithoutClipboard_LeavesTheFieldToCopyByHand()
    {
        UseCulture("zh-CN");
        JSInterop.SetupVoid("navigator.clipboard.writeText", Password).SetException(new Microsoft.JSInterop.JSException("denied"));

        var cut = RenderPanel();
        cut.Find("#one-time-password-copy").Click();

        Assert.Contains("复制", cut.Find("#one-time-password-copy").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("已复制", cut.Find("#one-time-password-copy").TextContent, StringComparison.Ordinal);
        Assert.Equal(Password, cut.Find("#one-time-password-value").GetAttribute("value"));
    }
}
