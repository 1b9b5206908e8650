using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>
/// One real Host process: <c>dotnet AiPlusTasks.Host.dll</c> as built next to the tests, on a loopback port of its own,
/// configured through environment variables only. Keeps the last lines of its stdout and stderr for a failing test.
/// <see cref="Kill"/> is <c>kill -9</c> of the process tree: no shutdown hooks, no flushing, like a machine that died.
/// </summary>
public sealed class HostNode : IAsyncDisposable
{
    /// <summary>The password every seeded user gets in these tests.</summary>
    public const string Password = "test-password-2026";

    private const int KeptOutputLines = 400;

    /// <summary>Longer lines (single-line logs of exceptions) are cut: their start names the failure.</summary>
    private const int KeptLineLength = 1500;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostNode(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        _process = process;
    }

    /// <summary>Names the node in figures and in its output (e.g. <c>a</c>, <c>a-restarted</c>).</summary>
    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public bool HasExited => _process.HasExited;

    /// <summary>The Host as built with these tests (the project reference builds it, in the same configuration).</summary>
    public static string HostAssembly { get; } = Path.Combine(
        RepositoryPaths.Root, "src", "Host", "bin", typeof(HostNode).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration, "net10.0", "AiPlusTasks.Host.dll");

    /// <summary>
    /// Starts a Host with <paramref name="settings"/> (configuration keys with <c>:</c>, passed as environment variables
    /// with <c>__</c>) on <paramref name="port"/> (0: a free one) and waits until <c>/health</c> answers 200.
    /// </summary>
    public static async Task<HostNode> StartAsync(string name, IReadOnlyDictionary<string, string> settings, int port = 0)
    {
        Assert.True(File.Exists(HostAssembly), $"the Host is not built at {HostAssembly}");
        port = port == 0 ? LoopbackPort.Free() : port;
        var start = new ProcessStartInfo("dotnet", [HostAssembly])
        {
            WorkingDirectory = Path.GetDirectoryName(HostAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            // Testing: seeded shared-password users exist only in Development and Testing (docs/security.md).
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Workflows:Path"] = RepositoryPaths.Workflows,
            ["Seed:Password"] = Password,
            // The engine's own lines and start-up are what a failing test needs; per-request framework logs only cost CPU.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:AiPlusTasks"] = "Information",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new HostNode(name, port, process);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data is null ? null : "stderr: " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node.WaitUntilHealthyAsync();
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>A client of this node, without credentials; generous timeout, so only a dead node makes a call fail.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client signed in (bearer token) as a seeded user; default the NDRC planner, who may use the engine routes.</summary>
    public async Task<HttpClient> SignInAsync(string username = "ndrc.planner")
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password = Password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{Name}: signing in as {username} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL of the process and its children; returns once it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <summary>The last lines the process wrote, headed by its name, port and exit state.</summary>
    public string OutputTail()
    {
        var state = _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
        return $"----- node {Name} (port {Port}, pid {_process.Id}, {state}), last {KeptOutputLines} lines -----{Environment.NewLine}{string.Join(Environment.NewLine, _output)}";
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line.Length > KeptLineLength ? line[..KeptLineLength] + " …" : line);
        while (_output.Count > KeptOutputLines && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"node {Name} exited during start-up{Environment.NewLine}{OutputTail()}");
            }

            try
            {
                if ((await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening, but busy starting.
            }

            if (deadline.Elapsed > StartTimeout)
            {
                Assert.Fail($"node {Name} was not healthy after {StartTimeout.TotalSeconds:0} s{Environment.NewLine}{OutputTail()}");
            }

            await Task.Delay(100);
        }
    }
}
