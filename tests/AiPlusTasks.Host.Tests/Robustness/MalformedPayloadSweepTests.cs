using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CsCheck;
using Xunit.Abstractions;

namespace AiPlusTasks.Host.Tests.Robustness;

/// <summary>
/// Property-based sweep of malformed payloads, paths and query parameters across instances, events, tasks, plans,
/// webhook subscriptions, API keys, sign-in and the agency systems' API: never a 5xx, every 400 a ProblemDetails naming
/// the field, and the database intact. A failure prints CsCheck's seed; set it as <c>CsCheck_Seed</c> to run it again.
/// </summary>
public sealed class MalformedPayloadSweepTests(HostFactory factory, ITestOutputHelper output) : IClassFixture<HostFactory>
{
    private const int Cases = 1500;
    private const string PlanId = "ai-plus-2025-2027";
    private static readonly string[] AllEventTypes = ["*"];

    [Fact]
    public async Task EveryEndpoint_MalformedPayloads_NeverAServerErrorAlwaysTheFieldAndNoCorruptRow()
    {
        // Arrange
        var sweep = new MalformedInputSweep(factory, output);
        var planner = factory.CreateClientFor();
        var lead = factory.CreateClientFor("guangdong.lead");
        var (_, taskId) = await planner.StartTaskForAsync("guangdong");
        var (_, completableTaskId) = await planner.StartTaskForAsync("guangdong");
        var definitionId = await planner.ImportAndPublishAsync("write-line.json");
        var (key, apiKeyId) = await lead.CreateApiKeyAsync("sweep-system");
        sweep.GuangdongApiKey = key;
        var subscription = await (await lead.PostAsJsonAsync("/api/webhook-subscriptions", new { url = "https://example.com/sweep", eventTypes = AllEventTypes }))
            .ExpectAsync(HttpStatusCode.Created);
        var targets = new SweepTargets(taskId, completableTaskId, definitionId, PlanId, subscription["subscription"]!["id"].Str(), apiKeyId);
        var before = await DatabaseSnapshot.TakeAsync(factory.DatabasePath);
        var clock = Stopwatch.StartNew();

        // Act
        await MalformedPayloads.Any(targets).SampleAsync(async request => await sweep.CheckAsync(request), writeLine: output.WriteLine, iter: Cases, threads: 2);

        // Assert
        output.WriteLine($"{sweep.CaseCount("payload/")} requests in {clock.Elapsed.TotalSeconds:F1} s over {before.RowCount} stored rows");
        sweep.Report();
        var after = await DatabaseSnapshot.TakeAsync(factory.DatabasePath);
        Assert.Empty(before.UnexplainedChanges(after, sweep.TouchedIds));
        Assert.Empty(await DatabaseSnapshot.IntegrityProblemsAsync(factory.DatabasePath));
        Assert.True(sweep.CaseCount("payload/") >= 1000);
    }
}
