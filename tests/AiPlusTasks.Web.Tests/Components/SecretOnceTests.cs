using AiPlusTasks.Web.Components;
using Bunit;

namespace AiPlusTasks.Web.Tests.Components;

public sealed class SecretOnceTests : WebContext
{
    private const string Secret = "whsec_c2VjcmV0LXNpZ25pbmcta2V5LWJ5dGVzLWhlcmU=";

    private IRenderedComponent<SecretOnce> RenderSecret(Action? dismissed = null) => Render<SecretOnce>(p => p
        .Add(c => c.Id, "webhook-secret")
        .Add(c => c.Title, "Subscription created for <https://a.example.cn/hook>")
        .Add(c => c.Label, "Signing secret")
        .Add(c => c.Value, Secret)
        .Add(c => c.OnDismiss, () => dismissed?.Invoke()));

    [Theory]
    [InlineData("zh-CN", "此内容只显示这一次")]
    [InlineData("en", "shown only this once")]
    public void Render_Secret_ReadOnlyLabelledFieldInAnAlertWithTheOnceWarning(string culture, string warning)
    {
        UseCulture(culture);

        var cut = RenderSecret();

        var alert = cut.Find("#webhook-secret");
        Assert.Equal("alert", alert.GetAttribute("role"));
        Assert.Contains(warning, cut.Find(".secret-warning").TextContent, StringComparison.Ordinal);
        var field = cut.Find("#webhook-secret-value");
        Assert.Equal(Secret, field.GetAttribute("value"));
        Assert.True(field.HasAttribute("readonly"));
        Assert.Equal("Signing secret", cut.Find("label[for=webhook-secret-value]").TextContent);
        Assert.Equal("Subscription created for <https://a.example.cn/hook>", cut.Find("#webhook-secret-title").TextContent.Trim());
    }

    [Fact]
    public void Click_Dismiss_TellsThePage()
    {
        UseCulture("en");
        var dismissed = 0;
        var cut = RenderSecret(() => dismissed++);

        cut.Find("#webhook-secret-dismiss").Click();

        Assert.Equal(1, dismissed);
    }
}
