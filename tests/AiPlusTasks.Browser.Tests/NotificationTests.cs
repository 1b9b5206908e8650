using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using MimeKit;
using netDumbster.smtp;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// 催办 notifications in Chromium (zh-CN; desktop 1366×768 and 390 px): guangdong's staff choose SMS for returns on the
/// settings page; with their task open, miit's lead returns the report; the bell's count rises without a reload, the
/// e-mail reaches a real SMTP server (netDumbster on loopback) with the task's Chinese title, and the SMS request reaches
/// a real HTTP receiver standing in for the gateway, signed. The templates page and the delivery log are NDRC's only.
/// Screenshots of every notification page go to <c>/tmp/shots19/</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Title = "退回通知测试 人工智能+政务服务";
    private const string Reason = "请补充试点验收报告";
    private const string Email = "gd.zhangwei@example.gov.cn";
    private const string Mobile = "13800000021";
    private const string ShotFolder = "/tmp/shots19";

    /// <summary>How long an e-mail or SMS may take to arrive: the fan-out and the sender run in the background.</summary>
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    [BrowserFact]
    public async Task ReturnedTask_RaisesTheBellWithoutReload_AndTheEmailAndSmsArrive()
    {
        // Arrange: a real SMTP server and SMS gateway on loopback, and a Host that sends to them.
        using var smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var gateway = await SmsGatewayReceiver.StartAsync();
        await using var host = new BrowserHost(new Dictionary<string, string>
        {
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications:Email:Security"] = "None",
            ["Notifications:Email:From"] = "duban@aiplus.example.gov.cn",
            ["Notifications:Sms:Endpoint"] = gateway.Endpoint.ToString(),
            ["Notifications:Sms:AppId"] = "browser-tests",
            ["Notifications:Sms:Secret"] = SmsGatewayReceiver.Secret,
        });
        host.Start();
        using var api = new TaskApi(host);
        var correlation = "browser-tests:notifications";
        await api.StartGuangdongTaskAsync(Title, correlation);

        // guangdong's staff give their e-mail address and mobile number (a malformed one is refused under its field), take
        // returns by SMS too, and turn quiet hours off.
        var staff = await NewPageAsync(host, 1366, 768);
        await staff.SignInAsync("guangdong.staff");
        await staff.GotoAsync("notifications/settings");
        await staff.WaitForInteractiveAsync();
        await staff.EnterAsync("#settings-email", Email);
        await staff.EnterAsync("#settings-mobile", "1380000");
        await staff.ClickAsync("#settings-save");
        await Assertions.Expect(staff.Locator("#settings-mobile-error")).ToHaveTextAsync("请填写11位中国大陆手机号码（以13至19开头）。");
        await Assertions.Expect(staff.Locator("#settings-mobile")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(staff.Locator("#settings-message")).ToHaveTextAsync("有几项需要修改，请看标红的说明。");
        await staff.EnterAsync("#settings-mobile", "138 0000 0021");
        await staff.Locator("#channel-returned-email").SetCheckedAsync(true);
        await staff.Locator("#channel-returned-sms").SetCheckedAsync(true);
        await Assertions.Expect(staff.Locator("#channel-returned-in-app")).ToBeDisabledAsync();
        await Assertions.Expect(staff.Locator("#channel-returned-in-app")).ToBeCheckedAsync();
        await staff.Locator("#settings-quiet-on").SetCheckedAsync(false);
        await Assertions.Expect(staff.Locator("#settings-quiet-from")).ToBeDisabledAsync();

        await staff.ClickAsync("#settings-save");
        await Assertions.Expect(staff.Locator("#settings-message")).ToHaveTextAsync("已保存。");
        await Assertions.Expect(staff.Locator("#settings-mobile")).ToHaveValueAsync(Mobile);
        await Assertions.Expect(staff.Locator("#settings-mobile-error")).ToBeEmptyAsync();
        await ShootAsync(staff, "settings-desktop-zh");

        // The staff refine and report; guangdong's lead signs off (through the API).
        await api.CompleteAsync("guangdong.staff", await api.OpenTaskAsync("guangdong.staff", "task", correlation), "Submitted", new JsonObject { ["measures"] = "建设政务服务大模型" });
        var report = await api.OpenTaskAsync("guangdong.staff", "report", correlation);
        await api.CompleteAsync("guangdong.staff", report, "Submitted", new JsonObject { ["done"] = "完成需求调研", ["progressPercent"] = 40, ["selfColour"] = "Green", ["confidence"] = 7 });
        await api.CompleteAsync("guangdong.lead", await api.OpenTaskAsync("guangdong.lead", "signoff", correlation), "Approved", new JsonObject { ["opinion"] = "同意报送" });

        // The staff have their report open; the page is marked so a reload would show.
        await staff.GotoAsync($"tasks/{Uri.EscapeDataString(report)}");
        await staff.WaitForInteractiveAsync();
        await Assertions.Expect(staff.Locator("#task-title")).ToContainTextAsync(Title);
        var before = await UnreadAsync(staff);
        await staff.EvaluateAsync("() => window.__notReloaded = true");

        // Act: miit's lead returns the report with a reason.
        await api.CompleteAsync("miit.lead", await api.OpenTaskAsync("miit.lead", "review", correlation), "Returned", new JsonObject { ["reason"] = Reason });

        // Assert 1: the bell's count rises on the open page, without a reload; the menu names the return in Chinese.
        await staff.WaitForFunctionAsync("n => Number(document.querySelector('#notification-count').dataset.count) > n", before, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.True(await staff.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the page was reloaded");
        await Assertions.Expect(staff.Locator("#notification-count")).ToBeVisibleAsync();
        await staff.ClickAsync("#notification-bell-button");
        await ShootAsync(staff, "bell-desktop-zh");
        // (On the fake clock every notification has the same time, so the day's 每日待办 may be listed before it.)
        var returned = staff.Locator(".notification-menu-item", new PageLocatorOptions { HasTextString = "任务退回" });
        await Assertions.Expect(returned).ToHaveCountAsync(1);
        await Assertions.Expect(returned.Locator(".notification-menu-kind")).ToHaveTextAsync("退回");
        await Assertions.Expect(returned).ToContainTextAsync(Title);
        await Assertions.Expect(returned).ToHaveAttributeAsync("data-read", "false");
        await ShootAsync(staff, "bell-desktop-zh");
        await staff.Keyboard.PressAsync("Escape");

        // Assert 2: the e-mail about the return reaches the SMTP server, addressed to the staff, with the task's Chinese
        // title and the reason (the staff also got e-mails about the tasks issued to them before, and about the sign-off
        // of their report, whose subjects hold the title — and so "退回" — too: the return's subject starts with its kind).
        var mail = await EventuallyAsync(() => smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address == Email) && (m.Subject ?? "").StartsWith("任务退回", StringComparison.Ordinal)),
            "an e-mail to the staff about the return");
        output.WriteLine($"e-mail: {mail.Subject}\n{mail.TextBody}");
        Assert.Contains(Title, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(Title, mail.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains(Reason, mail.TextBody ?? "", StringComparison.Ordinal);

        // Assert 3: the SMS request reaches the gateway, signed, for the staff's mobile.
        var sms = await EventuallyAsync(() => gateway.Received.FirstOrDefault(s => s.To == Mobile && s.Text.Contains("被退回", StringComparison.Ordinal)), "an SMS request about the return for the staff's mobile");
        output.WriteLine($"SMS: {sms.Text}");
        Assert.True(sms.SignatureValid, "the SMS request's signature does not match");
        Assert.Equal(sms.MessageId, sms.IdempotencyKey);
        Assert.Contains(Title, sms.Text, StringComparison.Ordinal);

        // The notification page lists it, unread; opening it leads to the returned task and marks it read.
        await staff.GotoAsync("notifications");
        await staff.WaitForInteractiveAsync();
        var returnedItem = staff.Locator("#notification-list .notification-item[data-kind=returned]");
        await Assertions.Expect(returnedItem).ToHaveAttributeAsync("data-read", "false");
        await Assertions.Expect(returnedItem.Locator(".notification-kind")).ToHaveTextAsync("退回");
        await Assertions.Expect(returnedItem).ToContainTextAsync(Title);
        await ShootAsync(staff, "notifications-desktop-zh");
        var unread = await UnreadAsync(staff);
        await returnedItem.Locator("a.notification-title").ClickAsync();
        await staff.WaitForAddressAsync("/tasks/");
        await staff.WaitForInteractiveAsync();
        await Assertions.Expect(staff.Locator("#return-reason")).ToContainTextAsync(Reason);
        await staff.WaitForFunctionAsync("n => Number(document.querySelector('#notification-count').dataset.count) < n", unread);

        // The same pages on a phone, and in English.
        var phone = await NewPageAsync(host, 390, 844);
        await phone.SignInAsync("guangdong.staff");
        await phone.GotoAsync("notifications");
        await phone.WaitForInteractiveAsync();
        await PageChecks.AssertFitsAsync(phone);
        await ShootAsync(phone, "notifications-phone-zh");
        await phone.ClickAsync("#notification-bell-button");
        await Assertions.Expect(phone.Locator(".notification-menu-item").First).ToBeVisibleAsync();
        await ShootAsync(phone, "bell-phone-zh");
        await phone.Keyboard.PressAsync("Escape");
        await phone.GotoAsync("notifications/settings");
        await phone.WaitForInteractiveAsync();
        await PageChecks.AssertFitsAsync(phone);
        await ShootAsync(phone, "settings-phone-zh");
        await ShootInEnglishAsync(staff, "notifications", "notifications-desktop-en");
        await ShootInEnglishAsync(staff, "notifications/settings", "settings-desktop-en");
        await ShootInEnglishAsync(phone, "notifications/settings", "settings-phone-en");
        await phone.ClickAsync("#notification-bell-button");
        await ShootAsync(phone, "bell-phone-en");

        // The delivery log shows the e-mail and SMS as sent, addresses masked, for NDRC.
        var planner = await NewPageAsync(host, 1366, 768);
        await planner.SignInAsync("ndrc.planner");
        await planner.GotoAsync("notifications/deliveries");
        await planner.WaitForInteractiveAsync();
        var rows = planner.Locator("#notification-delivery-list tbody tr", new PageLocatorOptions { HasTextString = "广东省" });
        await Assertions.Expect(rows.Filter(new LocatorFilterOptions { HasTextString = "短信" }).First).ToContainTextAsync("已发送");
        await Assertions.Expect(rows.Filter(new LocatorFilterOptions { HasTextString = "邮件" }).First).ToContainTextAsync("已发送");
        var log = await planner.Locator("#notification-delivery-list").InnerTextAsync();
        Assert.DoesNotContain(Email, log, StringComparison.Ordinal);
        Assert.DoesNotContain(Mobile, log, StringComparison.Ordinal);
        await ShootAsync(planner, "deliveries-desktop-zh");
        var plannerPhone = await NewPageAsync(host, 390, 844);
        await plannerPhone.SignInAsync("ndrc.planner");
        await plannerPhone.GotoAsync("notifications/deliveries");
        await plannerPhone.WaitForInteractiveAsync();
        await PageChecks.AssertFitsAsync(plannerPhone);
        await ShootAsync(plannerPhone, "deliveries-phone-zh");
        await ShootInEnglishAsync(planner, "notifications/deliveries", "deliveries-desktop-en");
        Assert.True(await planner.EvaluateAsync<bool>("() => { const bar = document.querySelector('.app-bar .mud-toolbar'); return bar.scrollWidth <= bar.clientWidth; }"),
            "the top bar overflows in English with the bell");
        await Assertions.Expect(planner.Locator("#signout")).ToBeInViewportAsync(new LocatorAssertionsToBeInViewportOptions { Ratio = 1 });
    }

    [BrowserFact]
    public async Task Templates_RefusedToStaff_EditedWithALivePreviewByTheNdrcPlanner()
    {
        // Staff are refused the templates and the delivery log, like other NDRC pages.
        var staff = await fixture.NewPageAsync(1366, 768);
        await staff.SignInAsync("guangdong.staff");
        await staff.GotoAsync("notifications/templates");
        await staff.WaitForInteractiveAsync();
        await Assertions.Expect(staff.Locator("#forbidden")).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator("#template-list")).ToHaveCountAsync(0);
        await staff.GotoAsync("notifications/deliveries");
        await staff.WaitForInteractiveAsync();
        await Assertions.Expect(staff.Locator("#forbidden")).ToBeVisibleAsync();
        await staff.ClickAsync("#notification-bell-button");
        await Assertions.Expect(staff.Locator("#notification-menu-settings")).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator("#notification-menu-admin")).ToHaveCountAsync(0);

        // The NDRC planner finds them under the bell and edits the SMS text for returns.
        var planner = await fixture.NewPageAsync(1366, 768);
        await planner.SignInAsync("ndrc.planner");
        await planner.GotoAsync("inbox");
        await planner.WaitForInteractiveAsync();
        await planner.ClickAsync("#notification-bell-button");
        await planner.ClickAsync("#notification-menu-admin");
        await planner.WaitForAddressAsync("/notifications/templates");
        await planner.WaitForInteractiveAsync();
        await planner.ClickAsync("#template-list [data-kind=returned][data-channel=sms][data-language=zh]");
        await Assertions.Expect(planner.Locator("#template-editor-heading")).ToHaveTextAsync("退回 · 短信 · 中文");
        await Assertions.Expect(planner.Locator("#template-subject")).ToHaveCountAsync(0);
        await Assertions.Expect(planner.Locator("#template-placeholders")).ToContainTextAsync("退回理由");
        await Assertions.Expect(planner.Locator("#template-sms-length")).ToContainTextAsync("条短信发送");

        // The preview renders what is typed, with the sample task.
        await planner.FillAsync("#template-body", "您单位的任务“{title}”被退回，理由：{reason}。请尽快修改。");
        await Assertions.Expect(planner.Locator("#template-preview-body")).ToHaveTextAsync("您单位的任务“人工智能+制造业应用中试基地建设”被退回，理由：佐证材料不完整，请补充试点验收报告。请尽快修改。");
        await Assertions.Expect(planner.Locator("#template-sms-length")).ToContainTextAsync("分 1 条短信发送");

        // An unknown placeholder is refused under the field, in Chinese.
        await planner.FillAsync("#template-body", "任务{标题}被退回");
        await planner.FillAsync("#template-body", "任务{name}被退回");
        await Assertions.Expect(planner.Locator("#template-editor")).ToContainTextAsync("无法识别的占位符：{name}");

        // Saved, then reset to the built-in text.
        await planner.FillAsync("#template-body", "任务“{title}”被退回，理由：{reason}。");
        await Assertions.Expect(planner.Locator("#template-preview-body")).ToContainTextAsync("佐证材料不完整");
        await planner.ClickAsync("#template-save");
        await Assertions.Expect(planner.Locator("#templates-message")).ToHaveTextAsync("模板已保存。");
        await Assertions.Expect(planner.Locator("#template-list [data-kind=returned][data-channel=sms][data-language=zh] .template-state")).ToHaveTextAsync("已修改");
        await ShootAsync(planner, "templates-desktop-zh");
        await planner.ClickAsync("#template-reset");
        await Assertions.Expect(planner.Locator("#templates-message")).ToHaveTextAsync("已恢复默认模板。");
        await Assertions.Expect(planner.Locator("#template-list [data-kind=returned][data-channel=sms][data-language=zh] .template-state")).ToHaveTextAsync("默认");
        await Assertions.Expect(planner.Locator("#template-body")).Not.ToHaveValueAsync("任务“{title}”被退回，理由：{reason}。");

        var phone = await fixture.NewPageAsync(390, 844);
        await phone.SignInAsync("ndrc.planner");
        await phone.GotoAsync("notifications/templates");
        await phone.WaitForInteractiveAsync();
        await PageChecks.AssertFitsAsync(phone);
        await ShootAsync(phone, "templates-phone-zh");
        await ShootInEnglishAsync(planner, "notifications/templates", "templates-desktop-en");
        await ShootInEnglishAsync(phone, "notifications/templates", "templates-phone-en");
    }

    private async Task<IPage> NewPageAsync(BrowserHost host, int width, int height)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.Address.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = width < 600,
            HasTouch = width < 600,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private static async Task<int> UnreadAsync(IPage page) =>
        int.Parse(await page.Locator("#notification-count").GetAttributeAsync("data-count") ?? "0", CultureInfo.InvariantCulture);

    private static async Task<T> EventuallyAsync<T>(Func<T?> find, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + DeliveryTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (find() is { } found)
            {
                return found;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"no {what} within {DeliveryTimeout.TotalSeconds} s");
    }

    /// <summary>Switches the page's browser context to English and shoots <paramref name="path"/>.</summary>
    private async Task ShootInEnglishAsync(IPage page, string path, string name)
    {
        await page.GotoAsync($"culture?culture=en&returnUrl={Uri.EscapeDataString("/" + path)}");
        await page.WaitForInteractiveAsync();
        await ShootAsync(page, name);
    }

    private async Task ShootAsync(IPage page, string name)
    {
        // From the top (a full-page shot of a scrolled page draws the fixed top bar in the middle), after popovers have
        // faded in.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.WaitForTimeoutAsync(400);
        Directory.CreateDirectory(ShotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotFolder, name + ".png"), FullPage = true });
        await page.ScreenshotAsync(output, "notify-" + name);
    }

    /// <summary>The HTTP API of one Host, as the seeded users call it (bearer tokens).</summary>
    private sealed class TaskApi(BrowserHost host) : IDisposable
    {
        private readonly HttpClient _http = new() { BaseAddress = host.Address };
        private readonly Dictionary<string, string> _tokens = [];

        /// <summary>As the NDRC planner, starts a <c>province-task</c> for guangdong, led by miit.</summary>
        public async Task StartGuangdongTaskAsync(string title, string correlationId)
        {
            var response = await SendAsync("ndrc.planner", HttpMethod.Post, "/api/workflow-instances", new
            {
                definitionId = "province-task",
                correlationId,
                input = new JsonObject
                {
                    ["agency"] = "guangdong",
                    ["title"] = title,
                    ["pillar"] = "action.industry.manufacturing",
                    ["leadAgency"] = "miit",
                    ["dueAt"] = BrowserHost.Now.AddDays(30).ToString("O", CultureInfo.InvariantCulture),
                },
            });
            await EnsureAsync(response, "starting the task");
        }

        /// <summary>Completes a task with an outcome and data.</summary>
        public async Task CompleteAsync(string username, string taskId, string outcome, JsonObject data) =>
            await EnsureAsync(await SendAsync(username, HttpMethod.Post, $"/api/tasks/{Uri.EscapeDataString(taskId)}/complete", new { outcome, data }), $"{username} completing {taskId} as {outcome}");

        /// <summary>The id of the open task of a kind in the case that the user sees; waits for it to appear.</summary>
        public async Task<string> OpenTaskAsync(string username, string kind, string correlationId)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (DateTime.UtcNow < deadline)
            {
                var inbox = await ReadAsync(username, "/api/tasks?pageSize=200");
                foreach (var item in inbox["items"]!.AsArray().Where(t => t!["kind"]!.GetValue<string>() == kind))
                {
                    var task = await ReadAsync(username, $"/api/tasks/{Uri.EscapeDataString(item!["id"]!.GetValue<string>())}");
                    if (task["correlationId"]?.GetValue<string>() == correlationId)
                    {
                        return item["id"]!.GetValue<string>();
                    }
                }

                await Task.Delay(200);
            }

            throw new TimeoutException($"{username} has no open {kind} task in case {correlationId}");
        }

        private async Task<JsonObject> ReadAsync(string username, string path)
        {
            var response = await SendAsync(username, HttpMethod.Get, path, null);
            await EnsureAsync(response, $"{username} reading {path}");
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        private async Task<HttpResponseMessage> SendAsync(string username, HttpMethod method, string path, object? body)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(username));
            return await _http.SendAsync(request);
        }

        private async Task<string> TokenAsync(string username)
        {
            if (!_tokens.TryGetValue(username, out var token))
            {
                var response = await _http.PostAsJsonAsync("/api/auth/token", new { username, password = BrowserHost.Password });
                await EnsureAsync(response, $"signing in {username}");
                _tokens[username] = token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
            }

            return token;
        }

        private static async Task EnsureAsync(HttpResponseMessage response, string what)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        public void Dispose() => _http.Dispose();
    }
}
