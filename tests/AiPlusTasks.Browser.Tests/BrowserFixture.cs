using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// One Host and one Chromium for every browser test (each test opens its own browser context, so cookies never leak
/// between tests). Before the first test, the NDRC planner starts a <c>province-task</c> for guangdong through the HTTP
/// API, so guangdong.staff has one open task (<see cref="GuangdongTaskTitle"/>) and hubei.staff has none.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserHost Host { get; } = new();

    /// <summary>The title of guangdong's open task, as the API lists it.</summary>
    public string GuangdongTaskTitle { get; private set; } = "";

    /// <summary>The English title of guangdong's open task, as the API lists it.</summary>
    public string GuangdongTaskTitleEn { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser was not launched");

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null)
        {
            return;
        }

        Chromium.EnsureInstalled();
        Host.Start();
        (GuangdongTaskTitle, GuangdongTaskTitleEn) = await StartFirstGuangdongTaskAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
    }

    /// <summary>A fresh browser context (no cookies) whose relative URLs resolve against the Host.</summary>
    public Task<IPage> NewPageAsync() => NewPageAsync(1280, 800);

    /// <summary>A fresh browser context (no cookies) with a window of the given size (390 wide: a phone).</summary>
    public async Task<IPage> NewPageAsync(int width, int height)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.Address.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = width < 600,
            HasTouch = width < 600,
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>As the NDRC planner, starts a <c>province-task</c> for guangdong, led by miit, through the HTTP API.</summary>
    public Task StartGuangdongTaskAsync(string title, string correlationId) => StartProvinceTaskAsync("guangdong", title, correlationId);

    /// <summary>As the NDRC planner, starts a <c>province-task</c> for a province, led by miit, through the HTTP API.</summary>
    public async Task StartProvinceTaskAsync(string agency, string title, string correlationId)
    {
        using var http = new HttpClient { BaseAddress = Host.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, "ndrc.planner"));
        var start = await http.PostAsJsonAsync("/api/workflow-instances", new
        {
            definitionId = "province-task",
            correlationId,
            input = new JsonObject
            {
                ["agency"] = agency,
                ["title"] = title,
                ["pillar"] = "action.industry.manufacturing",
                ["leadAgency"] = "miit",
                ["dueAt"] = BrowserHost.Now.AddDays(30).ToString("O", CultureInfo.InvariantCulture),
            },
        });
        await EnsureAsync(start, $"starting province-task for {agency}");
    }

    /// <summary>As the NDRC planner, moves a task to another agency through the HTTP API (tests use it to put back what they moved).</summary>
    public async Task ReassignAsync(string taskId, string agency)
    {
        using var http = new HttpClient { BaseAddress = Host.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, "ndrc.planner"));
        var response = await http.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(taskId)}/reassign", new { agency });
        await EnsureAsync(response, $"reassigning task {taskId} to {agency}");
    }

    /// <summary>The task as <paramref name="username"/> reads it through the HTTP API (<c>GET /api/tasks/{id}</c>).</summary>
    public async Task<JsonObject> GetTaskAsync(string username, string taskId)
    {
        using var http = new HttpClient { BaseAddress = Host.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, username));
        return (await http.GetFromJsonAsync<JsonObject>($"/api/tasks/{Uri.EscapeDataString(taskId)}"))!;
    }

    private async Task<(string Title, string TitleEn)> StartFirstGuangdongTaskAsync()
    {
        await StartGuangdongTaskAsync("浏览器测试 人工智能+制造业试点", "browser-tests:guangdong");
        using var http = new HttpClient { BaseAddress = Host.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, "guangdong.staff"));
        var inbox = await http.GetFromJsonAsync<JsonObject>("/api/tasks");
        var items = inbox!["items"]!.AsArray();
        if (items.Count != 1)
        {
            throw new InvalidOperationException($"expected guangdong to have one open task after the start, got: {inbox.ToJsonString()}");
        }

        return (items[0]!["title"]!.GetValue<string>(), items[0]!["titleEn"]!.GetValue<string>());
    }

    /// <summary>An HTTP client of the test host signed in as <paramref name="username"/> (a bearer token), for arranging through the API.</summary>
    public async Task<HttpClient> ApiClientAsync(string username)
    {
        var http = new HttpClient { BaseAddress = Host.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, username));
        return http;
    }

    private static async Task<string> TokenAsync(HttpClient http, string username)
    {
        var response = await http.PostAsJsonAsync("/api/auth/token", new { username, password = BrowserHost.Password });
        await EnsureAsync(response, $"signing in {username} for a token");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}

/// <summary>The browser tests share one <see cref="BrowserFixture"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
