using System.Diagnostics;
using System.Text.Json;

namespace AiPlusTasks.Host.Tests.Telemetry;

/// <summary>
/// The Host's console log as JSON lines when <c>Logging:Console:FormatterName</c> is <c>json</c> (the built-in JSON
/// console formatter, docs/decisions/035): the Host's own program is started and its standard output read until it
/// says where it runs.
/// </summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task HostOutput_WithTheJsonFormatter_IsOneJsonObjectPerLine()
    {
        // Arrange
        var folder = Path.Combine(Path.GetTempPath(), "aiplustasks-host-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "AiPlusTasks.Host.dll"), "--urls", "http://127.0.0.1:0"])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__AiPlusTasks"] = $"Data Source={Path.Combine(folder, "aiplustasks.db")}";
        start.Environment["Workflows__Path"] = RepositoryPaths.Workflows;
        start.Environment["Seed__Password"] = HostFactory.Password;
        start.Environment["Logging__Console__FormatterName"] = "json";
        var lines = new List<string>();

        // Act
        using (var process = Process.Start(start)!)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    lines.Add(line);
                    if (line.Contains("AiPlusTasks is running at", StringComparison.Ordinal))
                    {
                        break;
                    }
                }
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                TestDatabaseFolder.Delete(folder);
            }
        }

        // Assert
        var output = string.Join('\n', lines);
        Assert.Contains(lines, l => l.Contains("AiPlusTasks is running at", StringComparison.Ordinal));
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), output);
            Assert.True(entry.RootElement.TryGetProperty("Category", out _), output);
            Assert.True(entry.RootElement.TryGetProperty("Message", out _), output);
        }

        using var running = JsonDocument.Parse(lines.Last());
        Assert.StartsWith("http://127.0.0.1:", running.RootElement.GetProperty("State").GetProperty("Url").GetString(), StringComparison.Ordinal);
    }
}
