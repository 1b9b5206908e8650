using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Xunit.Abstractions;

namespace AiPlusTasks.Host.Tests.Robustness;

/// <summary>
/// Property-based sweep of malformed workflow definitions through import, publish and start: never a 5xx, every 400 a
/// ProblemDetails naming the field, and the database intact. A failure prints CsCheck's seed; set it as
/// <c>CsCheck_Seed</c> to run the same cases again.
/// </summary>
public sealed class MalformedDefinitionSweepTests(HostFactory factory, ITestOutputHelper output) : IClassFixture<HostFactory>
{
    private const int Cases = 1200;

    [Fact]
    public async Task ImportPublishAndStart_MalformedDefinitions_NeverAServerErrorAlwaysTheFieldAndNoCorruptRow()
    {
        // Arrange
        var sweep = new MalformedInputSweep(factory, output);
        factory.CreateClientFor();
        var before = await DatabaseSnapshot.TakeAsync(factory.DatabasePath);
        var clock = Stopwatch.StartNew();

        // Act
        await MalformedDefinitions.Any.SampleAsync(
            async request =>
            {
                var (status, imported) = await sweep.CheckAsync(request);
                if (status == HttpStatusCode.Created)
                {
                    await PublishAndStartAsync(sweep, imported!["definitionId"]!.GetValue<string>());
                }
            },
            writeLine: output.WriteLine,
            iter: Cases,
            threads: 2);

        // Assert
        output.WriteLine($"{sweep.CaseCount("definition/")} requests in {clock.Elapsed.TotalSeconds:F1} s over {before.RowCount} stored rows");
        sweep.Report();
        var after = await DatabaseSnapshot.TakeAsync(factory.DatabasePath);
        Assert.Empty(before.UnexplainedChanges(after, sweep.TouchedIds));
        Assert.Empty(await DatabaseSnapshot.IntegrityProblemsAsync(factory.DatabasePath));
        Assert.True(sweep.CaseCount("definition/") >= 1000);
    }

    /// <summary>An accepted definition goes on: publish it, and start an instance of it (which may fault, but not the server).</summary>
    private static async Task PublishAndStartAsync(MalformedInputSweep sweep, string definitionId)
    {
        if (definitionId.Contains('\0', StringComparison.Ordinal))
        {
            // A NUL in a path never reaches the app: Kestrel answers 400 itself, and the in-memory test server throws.
            return;
        }

        var (published, _) = await sweep.CheckAsync(new MalformedRequest(
            "definition/then-publish", HttpMethod.Post, $"{HttpApi.Definitions}/{Uri.EscapeDataString(definitionId)}/publish", null, null, SweepCaller.NdrcPlanner, []));
        if (published == HttpStatusCode.OK)
        {
            var start = Encoding.UTF8.GetBytes(JsonTree.Write(new JsonObject { ["definitionId"] = definitionId }));
            await sweep.CheckAsync(new MalformedRequest("definition/then-start", HttpMethod.Post, HttpApi.Instances, start, "application/json", SweepCaller.NdrcPlanner, []));
        }
    }
}
