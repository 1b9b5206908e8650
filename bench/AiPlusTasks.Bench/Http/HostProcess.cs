using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace AiPlusTasks.Bench.Http;

/// <summary>
/// The Host as a real separate process (<c>dotnet AiPlusTasks.Host.dll</c> from its Release output, Production
/// environment) on a free loopback port and a given SQLite file, seeded with <see cref="SeedPassword"/>. Starting
/// returns once <c>/health</c> answers 200 and says how long that took from process start; disposing stops the Host
/// (SIGTERM, then kills the process tree after 10 s).
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    /// <summary>The password of every seeded user (the Development value of <c>Seed:Password</c>).</summary>
    public const string SeedPassword = "AiPlus@2026";

    private const int LogLines = 60;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>From just before the process started to the first 200 from <c>/health</c>.</summary>
    public TimeSpan TimeToHealthy { get; private set; }

    /// <summary>CPU time (user + system) the Host had used when <c>/health</c> first answered 200.</summary>
    public TimeSpan ProcessorTimeToHealthy { get; private set; }

    /// <summary>CPU time (user + system) the Host has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The last lines the Host wrote, for failure messages.</summary>
    public string LogTail => string.Join(Environment.NewLine, _log);

    /// <summary>
    /// Starts the Host on <paramref name="databaseFile"/> (created, migrated and seeded when it does not exist) and
    /// waits until it is healthy, polling <c>/health</c> every 20 ms with <paramref name="client"/>.
    /// </summary>
    /// <exception cref="BenchmarkFailedException">The Host exited or was not healthy within 60 s.</exception>
    public static async Task<HostProcess> StartAsync(HostBuild build, string databaseFile, HttpClient client)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = build.OutputFolder, // the content root: appsettings.json is read from here
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(build.Assembly);
        // Testing: production settings but for the seeded shared-password users, which exist only in Development and Testing.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = baseAddress.GetLeftPart(UriPartial.Authority);
        start.Environment["ConnectionStrings__AiPlusTasks"] = $"Data Source={databaseFile}";
        start.Environment["Seed__Password"] = SeedPassword;
        start.Environment["Workflows__Path"] = build.WorkflowsFolder;

        var stopwatch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new BenchmarkFailedException($"could not start {build.Assembly}");
        var host = new HostProcess(process, baseAddress);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            host.TimeToHealthy = await host.WaitUntilHealthyAsync(client, stopwatch);
            host.ProcessorTimeToHealthy = host.ProcessorTime;
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>One request to a closed port, so the first measured poll does not pay for JIT-compiling the client.</summary>
    public static async Task WarmUpClientAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/health"));
        }
        catch (HttpRequestException)
        {
            // Expected: nobody listens there.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first, so the Host shuts down as it does in production (Quartz stopped, SQLite connections closed).
            await SignalTerminateAsync(_process.Id);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private async Task<TimeSpan> WaitUntilHealthyAsync(HttpClient client, Stopwatch stopwatch)
    {
        var health = new Uri(BaseAddress, "health");
        while (stopwatch.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new BenchmarkFailedException($"the Host exited with code {_process.ExitCode} before it was healthy:{Environment.NewLine}{LogTail}");
            }

            try
            {
                using var response = await client.GetAsync(health);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return stopwatch.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(PollInterval);
        }

        throw new BenchmarkFailedException($"the Host was not healthy within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{LogTail}");
    }

    private static async Task SignalTerminateAsync(int processId)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var kill = new ProcessStartInfo("kill") { UseShellExecute = false };
        kill.ArgumentList.Add("-TERM");
        kill.ArgumentList.Add(processId.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(kill);
        if (process is not null)
        {
            await process.WaitForExitAsync();
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > LogLines && _log.TryDequeue(out _))
        {
        }
    }
}
