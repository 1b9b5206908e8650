using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Runtime;

public sealed class RuntimeReadsTests : EngineTest
{
    private const int Stored = 300;

    [Fact]
    public async Task InstancesAsync_AnyIdsWithRepeatsAndUnknowns_ReturnsExactlyTheStoredOnes()
    {
        var stored = Enumerable.Range(0, Stored).ToDictionary(Id, n => new WorkflowInstanceRecord
        {
            Id = Id(n),
            DefinitionId = "definition-" + (n % 7),
            DefinitionVersion = n,
            Status = (WorkflowStatus)(n % 3),
            CorrelationId = n % 2 == 0 ? null : "c" + n,
            State = "{\"n\":" + n + "}",
            CreatedAt = EngineHost.Epoch.AddSeconds(n),
            UpdatedAt = EngineHost.Epoch.AddSeconds(n + 1),
            ConcurrencyVersion = n % 5,
        });
        await using (var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            db.Instances.AddRange(stored.Values);
            await db.SaveChangesAsync();
        }

        var reads = Engine.Services.GetRequiredService<RuntimeReads>();

        // Unknown ids (≥ Stored) and repeats; lists longer than one statement's share.
        await Gen.Int[0, Stored + 100].Array[1, 2 * Stored].SampleAsync(async numbers =>
        {
            var ids = numbers.Select(Id).ToList();

            var found = await reads.InstancesAsync(ids, CancellationToken.None);

            var expected = ids.Where(stored.ContainsKey).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(expected.Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
            Assert.All(found, pair =>
            {
                var want = stored[pair.Key];
                var got = pair.Value;
                Assert.Equal((want.DefinitionId, want.DefinitionVersion, want.Status, want.CorrelationId, want.State, want.CreatedAt, want.UpdatedAt, want.ConcurrencyVersion),
                    (got.DefinitionId, got.DefinitionVersion, got.Status, got.CorrelationId, got.State, got.CreatedAt, got.UpdatedAt, got.ConcurrencyVersion));
            });
        }, iter: 40, threads: 1);
    }

    [Fact]
    public async Task PublishedVersionsAsync_SeveralDefinitions_MatchesTheOneByOneRead()
    {
        await Engine.PublishAsync(Definition("twice", [WriteLineJs("say", "'one'")], []));
        await Engine.PublishAsync(Definition("twice", [WriteLineJs("say", "'two'")], []));
        await Engine.PublishAsync(Definition("once", [WriteLineJs("say", "'hi'")], []));
        var reads = Engine.Services.GetRequiredService<RuntimeReads>();
        string[] asked = ["twice", "once", "missing", "twice"];

        var found = await reads.PublishedVersionsAsync(asked, CancellationToken.None);

        Assert.Equal(["once", "twice"], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, found["twice"].Version);
        foreach (var definitionId in asked)
        {
            Assert.Equal(await reads.PublishedVersionAsync(definitionId, CancellationToken.None), found.GetValueOrDefault(definitionId));
        }
    }

    private static string Id(int n) => n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
}
