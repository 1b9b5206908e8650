using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// A joint review (会签) in Chromium as the people in it live it: guangdong's staff refine and report, guangdong's lead
/// signs off; miit's lead opens the review, adds most's lead as a reviewer (加签) with a reason — a missing reason is
/// named under its field first; a third reviewer added and removed again (减签, reason and confirmation); most's lead, on a phone, sees the three outcomes 同意 / 退回 / 弃权 and approves with a
/// comment; miit's lead approves; the task page then shows both decisions with names, comments and "加签" with the
/// reason, in Chinese and in English, at 1366×768 and at 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class JointReviewTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Title = "会签测试 人工智能+智能制造";
    private const string AddReason = "涉及科技部职责，请科技部会签";
    private const string RemoveReason = "数据局另行审核";
    private const string MostComment = "同意，科技部无意见";
    private const string MiitComment = "同意上报";

    [BrowserFact]
    public async Task JointReview_LeadAddsMostLead_BothApprove_TaskPageShowsBothDecisionsInBothLanguages()
    {
        await fixture.StartGuangdongTaskAsync(Title, "browser-tests:joint-review");

        // guangdong's staff refine the measures and report; guangdong's lead signs off.
        var staff = await fixture.NewPageAsync(1366, 768);
        await staff.SignInAsync("guangdong.staff");
        await staff.OpenTaskAsync("细化落实举措", Title);
        await staff.EnterAsync("#field-measures", "在广州、深圳建设智能工厂");
        await staff.ClickAsync("[data-outcome=Submitted]");
        await Assertions.Expect(staff.Locator("#next-step")).ToBeVisibleAsync();
        await staff.OpenTaskAsync("进度填报", Title);
        await staff.EnterAsync("#field-done", "完成 12 家智能工厂建设");
        await staff.EnterAsync("#field-progressPercent", "55");
        await staff.SelectOptionAsync("#field-selfColour", "Green");
        await staff.DispatchEventAsync("#field-selfColour", "change");
        await staff.EnterAsync("#field-confidence", "8");
        await staff.ClickAsync("[data-outcome=Submitted]");
        await Assertions.Expect(staff.Locator("#next-step")).ToHaveTextAsync("已提交报告，等待本单位签发。");
        var signer = await fixture.NewPageAsync(1366, 768);
        await signer.SignInAsync("guangdong.lead");
        await signer.OpenTaskAsync("本单位签发", Title);
        await signer.ClickAsync("[data-outcome=Approved]");
        await Assertions.Expect(signer.Locator("#next-step")).ToHaveTextAsync("已签发，等待牵头单位审核。");

        // miit's lead opens the review: one reviewer (themselves), all must approve, under review.
        var miit = await fixture.NewPageAsync(1366, 768);
        await miit.SignInAsync("miit.lead");
        await miit.OpenTaskAsync("审核进度报告", Title);
        var taskUrl = miit.Url;
        var panel = miit.Locator(".review-panel");
        await Assertions.Expect(panel).ToHaveCountAsync(1);
        await Assertions.Expect(panel.Locator(".review-rule")).ToHaveTextAsync("会签：全部同意方可通过");
        await Assertions.Expect(panel.Locator(".reviewer")).ToHaveCountAsync(1);
        await Assertions.Expect(panel.Locator(".reviewer").First).ToContainTextAsync("工业和信息化部负责人");
        await Assertions.Expect(panel.Locator(".reviewer-state").First).ToHaveTextAsync("审核中");
        await Assertions.Expect(miit.Locator("[data-outcome=Abstained]")).ToHaveTextAsync("弃权");

        // 加签: a missing reason is named under its field; then most's lead is added with the reason.
        await miit.ClickAsync("#add-reviewer");
        await miit.ChooseAgencyAsync(miit.Locator("#reviewer-agency"), "科学技术部", "科学技术部");
        await Assertions.Expect(miit.Locator("#reviewer-role")).ToHaveValueAsync("lead");
        await miit.ClickAsync("#add-reviewer-submit");
        await Assertions.Expect(miit.Locator("#error-reviewer-reason")).ToHaveTextAsync("请填写理由。");
        await Shoot(miit, "joint-review-desktop-zh-add");
        await miit.EnterAsync("#reviewer-reason", AddReason);
        await miit.ClickAsync("#add-reviewer-submit");
        await Assertions.Expect(miit.Locator("#task-message")).ToHaveTextAsync("已加签。");
        await Assertions.Expect(panel.Locator(".reviewer")).ToHaveCountAsync(2);
        var added = panel.Locator(".reviewer").Nth(1);
        await Assertions.Expect(added.Locator(".reviewer-who")).ToHaveTextAsync("科学技术部负责人");
        await Assertions.Expect(added.Locator(".reviewer-added")).ToContainTextAsync($"加签：{AddReason}");
        await Assertions.Expect(added.Locator("[data-remove]")).ToHaveTextAsync("减签");
        await PageChecks.AssertPlainChineseAsync(miit);

        // 加签 then 减签 of nda's lead: a removal needs a reason and a confirmation, and stays on the panel with both.
        await miit.ClickAsync("#add-reviewer");
        await miit.ChooseAgencyAsync(miit.Locator("#reviewer-agency"), "国家数据局", "国家数据局");
        await miit.EnterAsync("#reviewer-reason", "涉及数据要素");
        await miit.ClickAsync("#add-reviewer-submit");
        await Assertions.Expect(panel.Locator(".reviewer")).ToHaveCountAsync(3);
        var removed = panel.Locator(".reviewer").Nth(2);
        await removed.Locator("[data-remove]").ClickAsync();
        await miit.ClickAsync("#remove-submit");
        await Assertions.Expect(miit.Locator("#error-remove-reason")).ToHaveTextAsync("请填写理由。");
        await miit.EnterAsync("#remove-reason", RemoveReason);
        await miit.ClickAsync("#remove-submit");
        var dialog = miit.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync($"将国家数据局负责人移出本次审核，其待办审核任务随之取消。理由：{RemoveReason}");
        await Shoot(miit, "joint-review-desktop-zh-confirm-remove");
        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "减签" }).ClickAsync();
        await Assertions.Expect(miit.Locator("#task-message")).ToHaveTextAsync("已减签。");
        await Assertions.Expect(removed.Locator(".reviewer-state")).ToHaveTextAsync("已减签");
        await Assertions.Expect(removed.Locator(".reviewer-removed")).ToContainTextAsync($"减签：{RemoveReason}");
        await Assertions.Expect(removed.Locator("[data-remove]")).ToHaveCountAsync(0);

        // most's lead, on a phone: the review task with the three outcomes, approved with a comment.
        var most = await fixture.NewPageAsync(390, 844);
        await most.SignInAsync("most.lead");
        await most.OpenTaskAsync("审核进度报告", Title);
        var mostUrl = most.Url;
        await Assertions.Expect(most.Locator("[data-outcome]")).ToHaveTextAsync(["同意", "退回", "弃权"]);
        await Assertions.Expect(most.Locator(".review-panel .reviewer")).ToHaveCountAsync(3);
        await Assertions.Expect(most.Locator("#add-reviewer")).ToHaveCountAsync(0);
        await most.EnterAsync("#field-comment", MostComment);
        await PageChecks.AssertPlainChineseAsync(most);
        await PageChecks.AssertFitsAsync(most);
        await Shoot(most, "joint-review-phone-zh-reviewer");
        await most.ClickAsync("[data-outcome=Approved]");
        await Assertions.Expect(most.Locator("#task-outcome")).ToContainTextAsync("同意");
        await Assertions.Expect(most.Locator(".review-panel .reviewer").Nth(1).Locator(".reviewer-state")).ToHaveTextAsync("同意");
        await Assertions.Expect(most.Locator(".review-panel")).ToHaveAttributeAsync("data-state", "Open");

        // miit's lead approves: the review passes, and the page shows both decisions.
        await miit.GotoAsync(taskUrl);
        await miit.WaitForInteractiveAsync();
        await miit.EnterAsync("#field-comment", MiitComment);
        await miit.ClickAsync("[data-outcome=Approved]");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-state", "Approved");
        await Assertions.Expect(panel.Locator("[id^=review-state-]")).ToHaveTextAsync("已通过");
        var first = panel.Locator(".reviewer").Nth(0);
        var second = panel.Locator(".reviewer").Nth(1);
        await Assertions.Expect(first.Locator(".reviewer-state")).ToHaveTextAsync("同意");
        await Assertions.Expect(first.Locator(".reviewer-decided")).ToContainTextAsync("工业和信息化部");
        await Assertions.Expect(first.Locator(".reviewer-comment")).ToHaveTextAsync($"意见：{MiitComment}");
        await Assertions.Expect(second.Locator(".reviewer-state")).ToHaveTextAsync("同意");
        await Assertions.Expect(second.Locator(".reviewer-decided")).ToContainTextAsync("科学技术部");
        await Assertions.Expect(second.Locator(".reviewer-decided")).ToContainTextAsync("2026-12-15");
        await Assertions.Expect(second.Locator(".reviewer-comment")).ToHaveTextAsync($"意见：{MostComment}");
        await Assertions.Expect(second.Locator(".reviewer-added")).ToContainTextAsync($"加签：{AddReason}");
        await Assertions.Expect(miit.Locator("#add-reviewer")).ToHaveCountAsync(0);
        await PageChecks.AssertPlainChineseAsync(miit);
        await Shoot(miit, "joint-review-desktop-zh-decided");

        // most's lead reads the same on their own (done) task at 390 px; both sizes in English.
        await most.GotoAsync(mostUrl);
        await most.WaitForInteractiveAsync();
        await Assertions.Expect(most.Locator(".review-panel")).ToHaveAttributeAsync("data-state", "Approved");
        await PageChecks.AssertFitsAsync(most);
        await Shoot(most, "joint-review-phone-zh-decided");
        await ToEnglishAsync(miit);
        await Assertions.Expect(panel.Locator(".review-rule")).ToHaveTextAsync("All must approve");
        await Assertions.Expect(second.Locator(".reviewer-who")).ToHaveTextAsync("Lead of Ministry of Science and Technology");
        await Assertions.Expect(second.Locator(".reviewer-state")).ToHaveTextAsync("Approved");
        await Assertions.Expect(second.Locator(".reviewer-added")).ToContainTextAsync($"Added by");
        await Shoot(miit, "joint-review-desktop-en-decided");
        await ToEnglishAsync(most);
        await Assertions.Expect(most.Locator(".review-panel .review-rule")).ToHaveTextAsync("All must approve");
        await PageChecks.AssertFitsAsync(most);
        await Shoot(most, "joint-review-phone-en-decided");
    }

    private static async Task ToEnglishAsync(IPage page)
    {
        await page.GotoAsync($"culture?culture=en&returnUrl={Uri.EscapeDataString(new Uri(page.Url).AbsolutePath)}");
        await page.WaitForInteractiveAsync();
    }

    private Task<string> Shoot(IPage page, string name) => page.ScreenshotAsync(output, name);
}
