using AiPlusTasks.Engine.ApiKeys;
using AiPlusTasks.Web.Components;
using Bunit;

namespace AiPlusTasks.Web.Tests.Components;

public sealed class ApiKeyTableTests : WebContext
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static ApiKeyView Key(string id, string name, DateTimeOffset? revokedAt = null, DateTimeOffset? lastUsedAt = null) =>
        new(id, "guangdong", name, "apt_AbCdEfGh", "guangdong.lead", CreatedAt, revokedAt is null ? null : "guangdong.lead", revokedAt, lastUsedAt);

    [Theory]
    [InlineData("zh-CN", "有效", "已吊销", "从未")]
    [InlineData("en", "Valid", "Revoked", "Never")]
    public void Render_Keys_PrefixCreatorTimesAndStatusInCulture(string culture, string valid, string revoked, string never)
    {
        UseCulture(culture);

        var cut = Render<ApiKeyTable>(p => p.Add(c => c.Items, [
            Key("k1", "oa-system", lastUsedAt: new DateTimeOffset(2026, 12, 14, 16, 0, 0, TimeSpan.Zero)),
            Key("k2", "old-system", revokedAt: CreatedAt.AddDays(1))]));

        Assert.Equal(["apt_AbCdEfGh…", "apt_AbCdEfGh…"], cut.FindAll(".api-key-prefix").Select(e => e.TextContent));
        Assert.Equal("guangdong.lead · 2026-12-01 10:00", cut.Find(".api-key-created").TextContent.Trim());
        Assert.Equal(["2026-12-15 00:00", never], cut.FindAll(".api-key-last-used").Select(e => e.TextContent.Trim()));
        var statuses = cut.FindAll(".api-key-status");
        Assert.StartsWith(valid, statuses[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith(revoked, statuses[1].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("2026-12-02 10:00", statuses[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Manager_RevokeOnlyOnKeysInUse_ClickReportsTheKey()
    {
        UseCulture("en");
        var revoked = new List<string>();
        var cut = Render<ApiKeyTable>(p => p
            .Add(c => c.Items, [Key("k1", "oa-system"), Key("k2", "old-system", revokedAt: CreatedAt)])
            .Add(c => c.CanManage, true)
            .Add(c => c.OnRevoke, k => revoked.Add(k.Id)));

        var button = Assert.Single(cut.FindAll("button.api-key-revoke"));
        Assert.Equal("Revoke the key of system oa-system", button.GetAttribute("aria-label"));
        button.Click();

        Assert.Equal(["k1"], revoked);
    }

    [Fact]
    public void Render_NotAManager_NoRevokeButtons_NameAsText()
    {
        UseCulture("zh-CN");

        var cut = Render<ApiKeyTable>(p => p.Add(c => c.Items, [Key("k1", "<script>alert(1)</script>")]));

        Assert.Empty(cut.FindAll("button"));
        Assert.Equal("<script>alert(1)</script>", cut.Find(".api-key-name").TextContent);
        Assert.Empty(cut.FindAll("script"));
    }
}
