using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// A new agency lead's first sign-in in Chromium (issue 17): the one-time password an administrator gave, the forced
/// new password, enrolling an authenticator app (the test is the app: it computes the code from the key the page shows,
/// with Otp.NET, at the host's clock), the recovery codes, and the inbox. On a host of its own where agency leads must
/// use two-factor sign-in. Screenshots of each step go to <c>/tmp/shots17/signin</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstSignInTests(BrowserFixture fixture, FirstSignInTests.LeadsUseTwoFactorHost host, ITestOutputHelper output)
    : IClassFixture<FirstSignInTests.LeadsUseTwoFactorHost>
{
    private const string OneTimePassword = "Temporary-Pass-2026";
    private const string NewPassword = "My-Own-Secret-77";
    private const string ShotFolder = "/tmp/shots17/signin";

    /// <summary>A Host where agency leads sign in with two factors, started once for this class.</summary>
    public sealed class LeadsUseTwoFactorHost : IAsyncLifetime
    {
        public BrowserHost Host { get; } = new(new Dictionary<string, string> { ["Security:TwoFactorRoles"] = "agency-lead" });

        public Task InitializeAsync()
        {
            if (Chromium.SkipReason is null)
            {
                Host.Start();
            }

            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    [BrowserTheory]
    [InlineData("zh-CN", 1366, 768)]
    [InlineData("zh-CN", 390, 844)]
    [InlineData("en", 1366, 768)]
    [InlineData("en", 390, 844)]
    public async Task FirstSignIn_NewLead_ChangesPasswordEnrolsAuthenticatorAndLandsInTheInbox(string culture, int width, int height)
    {
        // Arrange: a lead made by an administrator, with a one-time password.
        var userName = $"guangdong.newlead{width}{culture[..2]}";
        await CreateLeadAsync(userName);
        var page = await NewPageAsync(culture, width, height);
        var shot = $"{culture}-{width}";

        // Act 1: the one-time password signs in only as far as the new-password page.
        await page.GotoAsync("signin?returnUrl=%2Finbox");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", OneTimePassword);
        await page.ClickAsync("#signin");
        await page.WaitForAddressAsync("/account/password");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(culture == "en" ? "Set a new password" : "设置新密码");
        await Shot(page, $"1-new-password-{shot}");

        // A password that breaks the policy is explained in the UI's language.
        await page.FillAsync("#current-password", OneTimePassword);
        await page.FillAsync("#new-password", "weakpassword");
        await page.FillAsync("#confirm-password", "weakpassword");
        await page.ClickAsync("#save-password");
        await Assertions.Expect(page.Locator("#password-errors")).ToContainTextAsync(culture == "en" ? "needs an upper-case letter" : "密码须包含大写字母");
        await Shot(page, $"2-password-policy-{shot}");

        // Until it is changed, nothing else opens.
        var blocked = await page.Context.NewPageAsync();
        await blocked.GotoAsync("inbox");
        Assert.StartsWith("/signin", new Uri(blocked.Url).AbsolutePath, StringComparison.Ordinal);
        await blocked.CloseAsync();

        await page.FillAsync("#current-password", OneTimePassword);
        await page.FillAsync("#new-password", NewPassword);
        await page.FillAsync("#confirm-password", NewPassword);
        await page.ClickAsync("#save-password");

        // Act 2: enrol the authenticator app from the key the page shows.
        await page.WaitForAddressAsync("/account/two-factor/setup");
        await Assertions.Expect(page.Locator("#enrol-qr svg")).ToBeVisibleAsync();
        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await Shot(page, $"3-enrol-{shot}");
        await page.FillAsync("#enrol-code", new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(host.Host.Time.GetUtcNow().UtcDateTime));
        await page.ClickAsync("#enrol");

        // Act 3: the recovery codes, once, then the inbox.
        await page.WaitForAddressAsync("/account/two-factor/recovery-codes");
        await Assertions.Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await Shot(page, $"4-recovery-codes-{shot}");
        await page.ClickAsync("#recovery-codes-done");

        // Assert
        await page.WaitForAddressAsync("/inbox", endsWith: true);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(culture == "en" ? "Task inbox" : "任务收件箱");
        await Shot(page, $"5-inbox-{shot}");
        Assert.True(await WithUserAsync(userName, (users, user) => Task.FromResult(!user.MustChangePassword && user.TwoFactorEnabled)));
    }

    [BrowserFact]
    public async Task SignIn_EnrolledLead_AsksForTheCodeAtEachSignIn()
    {
        // Arrange: a lead who enrolled before.
        const string UserName = "guangdong.enrolledlead";
        await CreateLeadAsync(UserName, mustChangePassword: false);
        var key = await WithUserAsync(UserName, async (users, user) =>
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return (await users.GetAuthenticatorKeyAsync(user))!;
        });
        var page = await NewPageAsync("zh-CN", 1366, 768);

        // Act
        await page.GotoAsync("signin");
        await page.SignInAsync(UserName, OneTimePassword);
        await page.WaitForAddressAsync("/account/two-factor");
        await page.FillAsync("#two-factor-code", "000000" == Code(key) ? "111111" : "000000");
        await page.ClickAsync("#verify");
        await Assertions.Expect(page.Locator("#two-factor-error")).ToBeVisibleAsync();
        await Shot(page, "6-two-factor-wrong-zh-CN-1366");
        await page.FillAsync("#two-factor-code", Code(key));
        await page.ClickAsync("#verify");

        // Assert
        await page.WaitForAddressAsync("/inbox", endsWith: true);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("任务收件箱");
    }

    private string Code(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(host.Host.Time.GetUtcNow().UtcDateTime);

    private async Task<IPage> NewPageAsync(string culture, int width, int height)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.Host.Address.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = width < 600,
            HasTouch = width < 600,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        if (culture == "en")
        {
            await page.GotoAsync("culture?culture=en&returnUrl=%2Fsignin");
        }

        return page;
    }

    private async Task CreateLeadAsync(string userName, bool mustChangePassword = true)
    {
        await using var scope = host.Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
        var created = await users.CreateAsync(
            new UserRecord
            {
                Id = userName,
                UserName = userName,
                AgencyCode = "guangdong",
                Roles = "agency-lead",
                DisplayName = "广东省 新任负责人",
                CreatedAt = host.Host.Time.GetUtcNow(),
                MustChangePassword = mustChangePassword,
            },
            OneTimePassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
    }

    private async Task<T> WithUserAsync<T>(string userName, Func<UserManager<UserRecord>, UserRecord, Task<T>> use)
    {
        await using var scope = host.Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
        return await use(users, (await users.FindByNameAsync(userName))!);
    }

    private async Task Shot(IPage page, string name)
    {
        Directory.CreateDirectory(ShotFolder);
        var path = Path.Combine(ShotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }
}
