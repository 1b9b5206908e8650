using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Host.Tests;

namespace AiPlusTasks.Cli.Tests.Commands;

/// <summary><c>aiplus instances</c>, <c>plans roll</c> and <c>export ledger</c> against the real Host (the seeded plan, 2026-Q4).</summary>
public sealed class OperatorCommandTests(HostFactory host) : IClassFixture<HostFactory>, IDisposable
{
    private const string Plan = "ai-plus-2025-2027";

    private readonly CliRun _cli = new(host);

    [Fact]
    public async Task InstancesStartThenTail_HelloWorld_PrintsEachStepByNameUntilItFinishes()
    {
        // Arrange
        await _cli.LoginAsync();
        Assert.Equal(0, (await _cli.RunAsync("definitions", "publish", "hello-world")).ExitCode);

        // Act
        var start = await _cli.RunAsync("instances", "start", "hello-world", "--input", "who=国家发展改革委");
        var instanceId = start.Output.Trim();
        var tail = await _cli.RunAsync("instances", "tail", instanceId);

        // Assert
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.True(tail.ExitCode == 0, tail.ToString());
        Assert.Matches(@"(?m)^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d 问候 \(Elsa\.WriteLine\) completed → Done: 你好，人工智能\+$", tail.Output);
        Assert.Contains("回答 (Elsa.SetOutput) completed", tail.Output, StringComparison.Ordinal);
        Assert.EndsWith("Instance finished." + Environment.NewLine, tail.Output, StringComparison.Ordinal);
        var instance = await host.CreateClientFor().GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
        Assert.Equal("国家发展改革委", instance!["input"]!["who"]!.GetValue<string>());
    }

    [Fact]
    public async Task InstancesTail_TimesAreChinaTime()
    {
        // Arrange
        await _cli.LoginAsync();
        Assert.Equal(0, (await _cli.RunAsync("definitions", "publish", "hello-world")).ExitCode);
        var instanceId = (await _cli.RunAsync("instances", "start", "hello-world")).Output.Trim();

        // Act
        var tail = await _cli.RunAsync("instances", "tail", instanceId);

        // Assert: the host's clock stands at 2026-12-15 00:00 UTC, 08:00 in Beijing.
        Assert.StartsWith("2026-12-15 08:00:00 ", tail.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlansRollDryRun_NextQuarter_PrintsTheChangesAndStoresNothing()
    {
        // Arrange
        await _cli.LoginAsync();
        var planner = host.CreateClientFor();
        var before = await planner.GetStringAsync(new Uri($"/api/plans/{Plan}", UriKind.Relative));
        var preview = await (await planner.PostAsJsonAsync($"/api/plans/{Plan}/roll/preview", new { period = "2027-Q1" })).Content.ReadFromJsonAsync<JsonObject>();
        var firstChange = preview!["changes"]!.AsArray()[0]!;

        // Act
        var roll = await _cli.RunAsync("plans", "roll", Plan, "--period", "2027-Q1", "--dry-run");

        // Assert
        Assert.True(roll.ExitCode == 0, roll.ToString());
        Assert.Contains($"Rolling to 2027-Q1: {preview["changes"]!.AsArray().Count} change(s).", roll.Output, StringComparison.Ordinal);
        Assert.Contains($"  {firstChange["taskKey"]}: {firstChange["kind"]}", roll.Output, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was changed.", roll.Output, StringComparison.Ordinal);
        Assert.Equal(before, await planner.GetStringAsync(new Uri($"/api/plans/{Plan}", UriKind.Relative)));
    }

    [Fact]
    public async Task PlansRoll_NotConfirmed_RollsNothing()
    {
        // Arrange
        await _cli.LoginAsync();
        var planner = host.CreateClientFor();
        var before = await planner.GetStringAsync(new Uri($"/api/plans/{Plan}", UriKind.Relative));

        // Act
        var roll = await _cli.RunWithInputAsync("n\n", "plans", "roll", Plan, "--period", "2027-Q1");

        // Assert
        Assert.Equal(1, roll.ExitCode);
        Assert.Contains("Roll to 2027-Q1? [y/N] Not rolled.", roll.Output, StringComparison.Ordinal);
        Assert.Equal(before, await planner.GetStringAsync(new Uri($"/api/plans/{Plan}", UriKind.Relative)));
    }

    [Fact]
    public async Task ExportLedger_Csv_WritesTheFileTheApiGives()
    {
        // Arrange
        await _cli.LoginAsync();
        using var folder = new TempFolder();
        var file = folder.File("台账.csv");

        // Act
        var export = await _cli.RunAsync("export", "ledger", Plan, "--format", "csv", "-o", file);

        // Assert
        Assert.True(export.ExitCode == 0, export.ToString());
        var expected = await host.CreateClientFor().GetByteArrayAsync(new Uri($"/api/plans/{Plan}/ledger.csv", UriKind.Relative));
        Assert.Equal(expected, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task InstancesStart_NoDefinitionId_PrintsTheServersFieldError()
    {
        // Arrange
        await _cli.LoginAsync();

        // Act
        var start = await _cli.RunAsync("instances", "start", " ");

        // Assert
        Assert.Equal(1, start.ExitCode);
        Assert.Matches(@"(?m)^HTTP 400 .*\ndefinitionId: ", start.Error);
    }

    public void Dispose() => _cli.Dispose();
}
