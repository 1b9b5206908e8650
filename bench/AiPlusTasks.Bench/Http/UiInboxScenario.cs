using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Bench.Scale;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace AiPlusTasks.Bench.Http;

/// <summary>
/// The inbox in a real browser at the large tier: the published Host as a separate Release process on SQLite holding
/// ~100,000 task rows (≈ 20,000 open or claimed) over all 76 agencies (<see cref="TaskRows"/>, copied from real
/// <c>province-task</c> workflows), and headless Chromium driven by Playwright. For <c>guangdong.staff</c> and for
/// <c>ndrc.planner</c> (who sees every agency) it times, in the page's own clock, navigation to <c>/</c> until the
/// first page of rows is there <em>and</em> the circuit is interactive, and a switch of view (button click until the
/// new view's rows are shown). Every measured page is checked against plain SQL on the database file: the 50 rows'
/// ids in order and the view's total in its button. A mismatch fails the run; no figure is reported.
/// </summary>
internal static class UiInboxScenario
{
    public const string Name = "ui-inbox";

    private const string ChromiumPath = "/usr/bin/chromium";
    private const string CallerAgency = "guangdong";
    private const int RealWorkflows = 10;
    private const int CallerTasks = 3_000;
    private const int OtherTasksPerAgency = 1_300;
    private const int PageSize = 50;
    private const double TargetMilliseconds = 1_000;

    /// <summary>Passes when the page shows <c>expected</c>: its ids in order, the view pressed with its total, the circuit attached.</summary>
    private const string ShowsScript = """
        ([view, ids, total]) => {
          const button = document.querySelector(`[data-view="${view}"]`);
          if (!button || button.getAttribute('aria-pressed') !== 'true' || !button.textContent.includes(`(${total})`)) return false;
          const shown = [...document.querySelectorAll('#inbox-list .task-title')].map(a => a.getAttribute('href'));
          if (shown.length !== ids.length || shown.some((href, i) => href !== 'tasks/' + ids[i])) return false;
          if (typeof window.Blazor !== 'object') return false;
          const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
          while (walker.nextNode()) {
            const text = walker.currentNode.nodeValue;
            if (text === 'bl-root' || text.startsWith('Blazor:')) return false;
          }
          return true;
        }
        """;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchMode mode)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new BenchmarkFailedException($"{ChromiumPath} is missing: apt-get install -y chromium");
        }

        var runs = mode == BenchMode.Quick ? 5 : 9;
        var folder = TempFolder.Create();
        try
        {
            var build = await HostPublish.PublishAsync(Path.Combine(folder, "host"));
            var database = Path.Combine(folder, "aiplustasks.db");
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            await using var host = await HostProcess.StartAsync(build, database, client);
            var setup = Stopwatch.StartNew();
            await StartRealWorkflowsAsync(client, host.BaseAddress);
            await TaskRows.AddAsync(database, build.WorkflowsFolder, CallerAgency, CallerTasks, OtherTasksPerAgency);
            var sizes = await DescribeAsync(database);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Name}: Host healthy in {host.TimeToHealthy.TotalSeconds:F1} s; data ready in {setup.Elapsed.TotalSeconds:F1} s: {sizes}"));

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });

            var figures = new List<Figure>();
            foreach (var (user, agency) in new[] { ($"{CallerAgency}.staff", (string?)CallerAgency), ("ndrc.planner", null) })
            {
                try
                {
                    figures.AddRange(await MeasureUserAsync(browser, client, host, database, user, agency, runs, sizes));
                }
                catch (BenchmarkFailedException e)
                {
                    throw new BenchmarkFailedException($"{e.Message}{Environment.NewLine}the Host's last log lines:{Environment.NewLine}{host.LogTail}");
                }
            }

            return figures;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempFolder.Delete(folder);
        }
    }

    private static async Task<IReadOnlyList<Figure>> MeasureUserAsync(IBrowser browser, HttpClient client, HostProcess host, string database, string user, string? agency, int runs, string sizes)
    {
        var open = await ExpectedAsync(database, agency, "open");
        var unclaimed = await ExpectedAsync(database, agency, "unclaimed");
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) => console.Enqueue($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Enqueue($"page error: {error}");
        try
        {
            return await MeasureAsync(page, client, host, database, user, agency, runs, sizes, open, unclaimed);
        }
        catch (BenchmarkFailedException e)
        {
            throw new BenchmarkFailedException($"{e.Message}{Environment.NewLine}the browser's console:{Environment.NewLine}{string.Join(Environment.NewLine, console)}");
        }
    }

    private static async Task<IReadOnlyList<Figure>> MeasureAsync(IPage page, HttpClient client, HostProcess host, string database, string user, string? agency, int runs, string sizes, Expected open, Expected unclaimed)
    {
        await SignInAsync(page, user);

        // The first load after sign-in is not timed (the Host's first circuit for this user, JIT of the page); it is reported.
        var first = await LoadAsync(page, open);
        var loads = new List<Load>();
        var switches = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            loads.Add(await LoadAsync(page, open));
            switches.Add(await SwitchAsync(page, unclaimed));
            switches.Add(await SwitchAsync(page, open));
        }

        var (list, counts) = await TimeApiAsync(client, host.BaseAddress, user, runs);
        var load = Median.Of([.. loads.Select(l => l.Interactive)]);
        var switchView = Median.Of(switches);
        var who = agency is null ? $"{user} (all agencies)" : user;
        var breakdown = string.Create(
            CultureInfo.InvariantCulture,
            $"{who}: open {open.Total:N0}, unclaimed {unclaimed.Total:N0}; median of {runs} loads (first, untimed load {first.Interactive:F0} ms): server answer with the prerendered rows (TTFB) {Median.Of([.. loads.Select(l => l.FirstByte)]):F0} ms, " +
            $"HTML received {Median.Of([.. loads.Select(l => l.Received)]):F0} ms, DOMContentLoaded {Median.Of([.. loads.Select(l => l.ContentLoaded)]):F0} ms, interactive {load:F0} ms (runs {Join(loads.Select(l => l.Interactive))}); " +
            $"the same queries over the API, median of {runs}: GET /api/tasks (page of 50 + total) {list:F1} ms, GET /api/tasks/counts (9 view counts) {counts:F1} ms. ");
        return
        [
            new Figure(Name, $"{user}: navigation to / until the rows are shown and interactive (median)", load, "ms", $"< {TargetMilliseconds:0} ms", load < TargetMilliseconds, breakdown + sizes),
            new Figure(Name, $"{user}: switch view open ⇄ unclaimed until the new rows are shown (median)", switchView, "ms", $"< {TargetMilliseconds:0} ms", switchView < TargetMilliseconds,
                string.Create(CultureInfo.InvariantCulture, $"{switches.Count} switches (runs {Join(switches)}); button click in the page to the view's 50 rows and total checked against SQL")),
        ];
    }

    /// <summary>What one view should show: its total and the first page's ids, in the inbox's order (due date, priority, id), by plain SQL.</summary>
    private static async Task<Expected> ExpectedAsync(string database, string? agency, string view)
    {
        var states = view == "unclaimed" ? "\"State\" = 'Open'" : "\"State\" IN ('Open', 'Claimed')";
        var where = agency is null ? states : $"\"AgencyCode\" = $agency AND {states}";
        (string Name, object Value)[] parameters = agency is null ? [] : [("$agency", agency)];
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        var total = await Sql.ScalarAsync(connection, $"SELECT COUNT(*) FROM \"Tasks\" WHERE {where}", parameters);
        var ids = await Sql.RowsAsync(connection, $"SELECT \"Id\" FROM \"Tasks\" WHERE {where} ORDER BY \"DueAt\" IS NULL, \"DueAt\", \"Priority\", \"Id\" LIMIT {PageSize}", parameters);
        if (total < PageSize || ids.Count != PageSize)
        {
            throw new BenchmarkFailedException($"{view} of {agency ?? "all agencies"}: {total} tasks in the database, fewer than a page of {PageSize}: the data set is not the large tier");
        }

        return new Expected(view, total, ids);
    }

    /// <summary>Navigates away, then to <c>/</c>; the page's clock from navigation start until it shows <paramref name="expected"/>.</summary>
    private static async Task<Load> LoadAsync(IPage page, Expected expected)
    {
        await page.GotoAsync("about:blank");
        await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await WaitForAsync(page, expected, "loading /");
        var timing = await page.EvaluateAsync<JsonElement>("""
            () => {
              const n = performance.getEntriesByType('navigation')[0];
              return { now: performance.now(), firstByte: n.responseStart, received: n.responseEnd, contentLoaded: n.domContentLoadedEventEnd };
            }
            """);

        // WaitForAsync polls on animation frames, so "now" is at most a frame after the page got there.
        return new Load(timing.GetProperty("now").GetDouble(), timing.GetProperty("firstByte").GetDouble(), timing.GetProperty("received").GetDouble(), timing.GetProperty("contentLoaded").GetDouble());
    }

    /// <summary>Clicks the view's button in the page and measures, in the page's clock, until it shows <paramref name="expected"/>.</summary>
    private static async Task<double> SwitchAsync(IPage page, Expected expected)
    {
        await page.EvaluateAsync("view => { window.__switchStart = performance.now(); document.querySelector(`[data-view=\"${view}\"]`).click(); }", expected.View);
        await WaitForAsync(page, expected, $"switching to {expected.View}");
        return await page.EvaluateAsync<double>("() => performance.now() - window.__switchStart");
    }

    private static async Task WaitForAsync(IPage page, Expected expected, string what)
    {
        try
        {
            await page.WaitForFunctionAsync(ShowsScript, new object[] { expected.View, expected.Ids, expected.Total.ToString(CultureInfo.InvariantCulture) }, new PageWaitForFunctionOptions { PollingInterval = null, Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            var shown = await page.EvaluateAsync<string>("""
                () => {
                  let markers = 0;
                  const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
                  while (walker.nextNode()) { const t = walker.currentNode.nodeValue; if (t === 'bl-root' || t.startsWith('Blazor:')) markers++; }
                  return document.querySelector('#inbox-views')?.textContent + ' | rows: ' + document.querySelectorAll('#inbox-list .task-title').length
                    + ' | first: ' + [...document.querySelectorAll('#inbox-list .task-title')].slice(0, 2).map(a => a.getAttribute('href')).join(', ')
                    + ' | Blazor: ' + typeof window.Blazor + ' | prerender markers: ' + markers;
                }
                """);
            shown += $" | expected first: {string.Join(", ", expected.Ids.Take(2))}";
            throw new BenchmarkFailedException($"{what}: the inbox did not show the {expected.View} view's {expected.Total} tasks and first {PageSize} ids within 30 s; it shows: {shown}");
        }
    }

    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("signin");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", HostProcess.SeedPassword);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }

    /// <summary>The inbox's two queries as the API runs them for <paramref name="user"/>: medians of <paramref name="runs"/> after one warm-up call.</summary>
    private static async Task<(double List, double Counts)> TimeApiAsync(HttpClient client, Uri baseAddress, string user, int runs)
    {
        var token = await HostApi.TokenAsync(client, baseAddress, user);
        var list = new Uri(baseAddress, $"api/tasks?view=open&sort=due&page=1&pageSize={PageSize.ToString(CultureInfo.InvariantCulture)}");
        var counts = new Uri(baseAddress, "api/tasks/counts");
        await HostApi.GetAsync(client, list, token);
        await HostApi.GetAsync(client, counts, token);
        var listTimes = new List<double>();
        var countTimes = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            await HostApi.GetAsync(client, list, token);
            listTimes.Add(stopwatch.Elapsed.TotalMilliseconds);
            stopwatch.Restart();
            await HostApi.GetAsync(client, counts, token);
            countTimes.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return (Median.Of(listTimes), Median.Of(countTimes));
    }

    /// <summary>Real tasks for the caller's agency (the rows <see cref="TaskRows"/> copies), started over the API as NDRC does.</summary>
    private static async Task StartRealWorkflowsAsync(HttpClient client, Uri baseAddress)
    {
        var planner = await HostApi.TokenAsync(client, baseAddress, "ndrc.planner");
        string[] pillars = ["action.industry.manufacturing", "action.science", "action.consumption", "action.wellbeing", "action.governance"];
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < RealWorkflows; i++)
        {
            var input = new JsonObject
            {
                ["agency"] = CallerAgency,
                ["title"] = string.Create(CultureInfo.InvariantCulture, $"推动人工智能+试点 AI+ pilots {i + 1}"),
                ["pillar"] = pillars[i % pillars.Length],
                ["leadAgency"] = "miit",
                ["dueAt"] = now.AddDays(15 + (7 * i)).ToString("O", CultureInfo.InvariantCulture),
            };
            var status = await HostApi.StartInstanceAsync(client, baseAddress, planner, "province-task", input);
            if (status != "Suspended")
            {
                throw new BenchmarkFailedException($"province-task {i} is {status}, expected Suspended on its task");
            }
        }
    }

    private static async Task<string> DescribeAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        var total = await Sql.ScalarAsync(connection, "SELECT COUNT(*) FROM \"Tasks\"");
        var active = await Sql.ScalarAsync(connection, "SELECT COUNT(*) FROM \"Tasks\" WHERE \"State\" IN ('Open', 'Claimed')");
        var agencies = await Sql.ScalarAsync(connection, "SELECT COUNT(DISTINCT \"AgencyCode\") FROM \"Tasks\"");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{total:N0} task rows, {active:N0} open or claimed, over {agencies} agencies ({CallerTasks:N0} + {RealWorkflows} real for {CallerAgency}, {OtherTasksPerAgency:N0} per other agency); " +
            $"published Host (Release, Production) on SQLite; headless Chromium {ChromiumPath} via Playwright on the same {Environment.ProcessorCount} cores; {MachineLoad.Text()}");
    }

    private static string Join(IEnumerable<double> values) => string.Join("/", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)));

    private sealed record Expected(string View, long Total, IReadOnlyList<string> Ids);

    /// <summary>Page-clock milliseconds from navigation start: interactive with the rows, first byte, HTML received, DOMContentLoaded.</summary>
    private sealed record Load(double Interactive, double FirstByte, double Received, double ContentLoaded);
}
